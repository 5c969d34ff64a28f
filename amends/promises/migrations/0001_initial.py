import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('complaints', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Promise',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('first_response', 'First response'), ('update', 'Next update'), ('resolution', 'Resolution'), ('callback', 'Callback'), ('custom', 'Other commitment')], max_length=20)),
                ('description', models.CharField(max_length=300)),
                ('due_at', models.DateTimeField()),
                ('target_at', models.DateTimeField()),
                ('state', models.CharField(choices=[('open', 'Open'), ('kept', 'Kept'), ('kept_early', 'Kept early'), ('broken', 'Broken'), ('cancelled', 'No longer owed')], default='open', max_length=12)),
                ('settled_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('complaint', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='promises', to='complaints.complaint')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'indexes': [models.Index(condition=models.Q(('state', 'open')), fields=['target_at'], name='promise_open_target_idx'), models.Index(fields=['complaint', 'state'], name='promise_complaint_state_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('target_at__lte', models.F('due_at'))), name='promise_target_not_after_due')],
            },
        ),
    ]
