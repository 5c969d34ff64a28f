import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('complaints', '0004_team_state_due_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CategoryModel',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('source', models.CharField(choices=[('trained', "Trained on this desk's complaints"), ('imported', 'Imported from a file')], max_length=10)),
                ('is_active', models.BooleanField(default=False)),
                ('blob', models.BinaryField(help_text='The model file, in the format of amends.triage.modelfile.')),
                ('sha256', models.CharField(max_length=64)),
                ('labels', models.JSONField(default=list)),
                ('trained_on', models.PositiveIntegerField(default=0, help_text='Labelled examples it learnt from.')),
                ('labels_until_event', models.BigIntegerField(default=0, help_text='The last categorisation event it learnt from; later ones count as new.')),
                ('metrics', models.JSONField(blank=True, default=dict)),
                ('note', models.CharField(blank=True, max_length=200)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                'constraints': [models.UniqueConstraint(condition=models.Q(('is_active', True)), fields=('is_active',), name='one_active_category_model')],
            },
        ),
        migrations.CreateModel(
            name='ComplaintTriage',
            fields=[
                ('complaint', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='triage', serialize=False, to='complaints.complaint')),
                ('received_at', models.DateTimeField()),
                ('suggested_label', models.CharField(blank=True, max_length=100)),
                ('confidence', models.FloatField(blank=True, null=True)),
                ('abstained', models.BooleanField(default=True, help_text='Not sure enough: a person should choose.')),
                ('alternatives', models.JSONField(blank=True, default=list)),
                ('telling_words', models.JSONField(blank=True, default=list)),
                ('sentiment', models.FloatField(default=0.0, help_text='VADER compound score, -1 (negative) to 1.')),
                ('anger', models.FloatField(default=0.0, help_text='0 (calm) to 1 (furious).')),
                ('suggested_severity', models.CharField(choices=[('low', 'Low'), ('normal', 'Normal'), ('high', 'High'), ('critical', 'Critical')], default='normal', max_length=10)),
                ('priority', models.PositiveSmallIntegerField(default=0, help_text='0 to 100; higher is more urgent.')),
                ('embedding', models.BinaryField(help_text="Half-precision sentence vector of the customer's words.")),
                ('triaged_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('category', models.ForeignKey(blank=True, help_text='The category a person set, else the one suggested: where neighbours are looked for.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='complaints.category')),
                ('customer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='complaints.customer')),
                ('model', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='triage.categorymodel')),
                ('suggested_category', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='complaints.category')),
            ],
        ),
        migrations.CreateModel(
            name='Neighbour',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('similar', 'Similar past complaint'), ('duplicate', 'Likely duplicate')], max_length=10)),
                ('similarity', models.FloatField()),
                ('other', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='complaints.complaint')),
                ('triage', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='neighbours', to='triage.complainttriage')),
            ],
        ),
        migrations.CreateModel(
            name='Signal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('safety', 'Safety or health risk'), ('legal', 'Legal threat'), ('regulator', 'Regulator or ombudsman'), ('public', 'Public exposure'), ('churn', 'Churn risk'), ('vulnerability', 'Vulnerable customer'), ('anger', 'Anger'), ('remedy', 'Remedy sought')], max_length=20)),
                ('remedy', models.CharField(blank=True, choices=[('refund', 'Refund'), ('replacement', 'Replacement'), ('repair', 'Repair'), ('compensation', 'Compensation'), ('apology', 'Apology'), ('explanation', 'Explanation'), ('cancel', 'Cancel')], max_length=20)),
                ('source', models.CharField(choices=[('story', 'What happened'), ('outcome_sought', 'What would put it right')], default='story', max_length=20)),
                ('start', models.PositiveIntegerField()),
                ('end', models.PositiveIntegerField()),
                ('evidence', models.CharField(help_text='The matched words with a little context.', max_length=300)),
                ('weight', models.FloatField(default=1.0)),
                ('triage', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='signals', to='triage.complainttriage')),
            ],
        ),
        migrations.CreateModel(
            name='SuspectedIncident',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('suspected', 'Suspected'), ('confirmed', 'Confirmed as an incident'), ('dismissed', 'Dismissed')], default='suspected', max_length=10)),
                ('summary', models.CharField(max_length=200)),
                ('first_at', models.DateTimeField()),
                ('last_at', models.DateTimeField()),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('category', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='complaints.category')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.CreateModel(
            name='SuspectedIncidentComplaint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('similarity', models.FloatField(default=1.0)),
                ('added_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('complaint', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='complaints.complaint')),
                ('incident', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='triage.suspectedincident')),
            ],
        ),
        migrations.AddField(
            model_name='suspectedincident',
            name='complaints',
            field=models.ManyToManyField(related_name='suspected_incidents', through='triage.SuspectedIncidentComplaint', to='complaints.complaint'),
        ),
        migrations.AddIndex(
            model_name='complainttriage',
            index=models.Index(fields=['category', 'received_at'], name='triage_category_recent_idx'),
        ),
        migrations.AddIndex(
            model_name='complainttriage',
            index=models.Index(fields=['customer', 'received_at'], name='triage_customer_recent_idx'),
        ),
        migrations.AddIndex(
            model_name='complainttriage',
            index=models.Index(fields=['received_at'], name='triage_recent_idx'),
        ),
        migrations.AddConstraint(
            model_name='neighbour',
            constraint=models.UniqueConstraint(fields=('triage', 'other', 'kind'), name='neighbour_unique'),
        ),
        migrations.AddIndex(
            model_name='signal',
            index=models.Index(fields=['kind', 'triage'], name='signal_kind_idx'),
        ),
        migrations.AddConstraint(
            model_name='suspectedincidentcomplaint',
            constraint=models.UniqueConstraint(fields=('incident', 'complaint'), name='suspected_incident_complaint_unique'),
        ),
        migrations.AddIndex(
            model_name='suspectedincident',
            index=models.Index(fields=['status', 'last_at'], name='suspected_incident_open_idx'),
        ),
    ]
