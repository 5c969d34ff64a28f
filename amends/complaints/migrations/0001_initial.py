import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Customer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200)),
                ('organisation', models.CharField(blank=True, max_length=200)),
                ('preferred_contact_method', models.CharField(choices=[('email', 'Email'), ('phone', 'Phone')], default='email', max_length=10)),
                ('preferred_contact_time', models.CharField(blank=True, max_length=200)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
            ],
        ),
        migrations.CreateModel(
            name='ReferenceCounter',
            fields=[
                ('year', models.PositiveIntegerField(primary_key=True, serialize=False)),
                ('last', models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name='Category',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, unique=True)),
                ('slug', models.SlugField(max_length=100, unique=True)),
                ('description', models.TextField(blank=True)),
                ('is_active', models.BooleanField(default=True)),
                ('team', models.ForeignKey(blank=True, help_text='New complaints in this category go to this team.', null=True, on_delete=django.db.models.deletion.SET_NULL, to='accounts.team')),
            ],
            options={
                'verbose_name_plural': 'categories',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Complaint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reference', models.CharField(max_length=20, unique=True)),
                ('channel', models.CharField(choices=[('web', 'Web form'), ('email', 'Email'), ('api', 'API'), ('phone', 'Phone'), ('portal', 'Customer portal'), ('desk', 'Desk')], max_length=10)),
                ('severity', models.CharField(choices=[('low', 'Low'), ('normal', 'Normal'), ('high', 'High'), ('critical', 'Critical')], default='normal', max_length=10)),
                ('state', models.CharField(choices=[('received', 'Received'), ('acknowledged', 'Acknowledged'), ('in_progress', 'In progress'), ('awaiting_customer', 'Awaiting customer'), ('resolved', 'Resolved'), ('closed', 'Closed'), ('reopened', 'Reopened'), ('merged', 'Merged'), ('withdrawn', 'Withdrawn'), ('spam', 'Spam')], default='received', max_length=20)),
                ('summary', models.CharField(max_length=200)),
                ('story', models.TextField(help_text="What happened, in the customer's words.")),
                ('outcome_sought', models.TextField(blank=True, help_text='What the customer said would put it right.')),
                ('agreed_outcome', models.TextField(blank=True)),
                ('preferred_contact_method', models.CharField(choices=[('email', 'Email'), ('phone', 'Phone')], default='email', max_length=10)),
                ('preferred_contact_time', models.CharField(blank=True, max_length=200)),
                ('received_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('acknowledged_at', models.DateTimeField(blank=True, null=True)),
                ('first_response_at', models.DateTimeField(blank=True, null=True)),
                ('resolved_at', models.DateTimeField(blank=True, null=True)),
                ('closed_at', models.DateTimeField(blank=True, null=True)),
                ('due_at', models.DateTimeField(blank=True, help_text='The earliest internal target among open promises.', null=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('assignee', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('category', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='complaints.category')),
                ('merged_into', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='complaints.complaint')),
                ('team', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='accounts.team')),
                ('customer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='complaints', to='complaints.customer')),
            ],
        ),
        migrations.CreateModel(
            name='IdempotencyKey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=255)),
                ('request_hash', models.CharField(max_length=64)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('complaint', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='complaints.complaint')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.CreateModel(
            name='Message',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('direction', models.CharField(choices=[('inbound', 'From the customer'), ('outbound', 'To the customer'), ('internal', 'Internal note')], max_length=10)),
                ('channel', models.CharField(choices=[('web', 'Web form'), ('email', 'Email'), ('api', 'API'), ('phone', 'Phone'), ('portal', 'Customer portal'), ('desk', 'Desk')], max_length=10)),
                ('from_address', models.CharField(blank=True, max_length=254)),
                ('to_address', models.CharField(blank=True, max_length=254)),
                ('subject', models.CharField(blank=True, max_length=300)),
                ('body', models.TextField()),
                ('raw', models.BinaryField(blank=True, null=True)),
                ('raw_content_type', models.CharField(blank=True, max_length=100)),
                ('message_id', models.CharField(blank=True, max_length=255, null=True)),
                ('in_reply_to', models.CharField(blank=True, max_length=255)),
                ('delivery', models.CharField(blank=True, choices=[('', 'Not sent'), ('pending', 'Sending'), ('sent', 'Sent'), ('failed', 'Failed')], default='', max_length=10)),
                ('delivery_error', models.TextField(blank=True)),
                ('delivery_attempts', models.PositiveSmallIntegerField(default=0)),
                ('delivered_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('complaint', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='messages', to='complaints.complaint')),
            ],
        ),
        migrations.CreateModel(
            name='Event',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('received', 'Complaint received'), ('state_changed', 'State changed'), ('message_in', 'Customer wrote'), ('message_out', 'Reply sent'), ('note', 'Internal note'), ('assigned', 'Assigned'), ('categorised', 'Category or severity set'), ('merged', 'Merged'), ('promise_made', 'Promise made'), ('promise_settled', 'Promise settled'), ('delivery_failed', 'Delivery failed')], max_length=20)),
                ('actor_label', models.CharField(blank=True, help_text='Who acted when not staff.', max_length=100)),
                ('from_state', models.CharField(blank=True, choices=[('received', 'Received'), ('acknowledged', 'Acknowledged'), ('in_progress', 'In progress'), ('awaiting_customer', 'Awaiting customer'), ('resolved', 'Resolved'), ('closed', 'Closed'), ('reopened', 'Reopened'), ('merged', 'Merged'), ('withdrawn', 'Withdrawn'), ('spam', 'Spam')], max_length=20)),
                ('to_state', models.CharField(blank=True, choices=[('received', 'Received'), ('acknowledged', 'Acknowledged'), ('in_progress', 'In progress'), ('awaiting_customer', 'Awaiting customer'), ('resolved', 'Resolved'), ('closed', 'Closed'), ('reopened', 'Reopened'), ('merged', 'Merged'), ('withdrawn', 'Withdrawn'), ('spam', 'Spam')], max_length=20)),
                ('reason', models.TextField(blank=True)),
                ('data', models.JSONField(blank=True, default=dict)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('complaint', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='complaints.complaint')),
                ('message', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='complaints.message')),
            ],
        ),
        migrations.CreateModel(
            name='ContactPoint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('email', 'Email'), ('phone', 'Phone')], max_length=10)),
                ('value', models.CharField(help_text='Stored normalised: lower-case email, digits-only phone.', max_length=254)),
                ('is_primary', models.BooleanField(default=False)),
                ('failing_since', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('customer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contact_points', to='complaints.customer')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('kind', 'value'), name='contact_point_unique')],
            },
        ),
        migrations.AddIndex(
            model_name='complaint',
            index=models.Index(condition=models.Q(('state__in', ['acknowledged', 'awaiting_customer', 'in_progress', 'received', 'reopened'])), fields=['due_at', 'id'], name='complaint_open_due_idx'),
        ),
        migrations.AddIndex(
            model_name='complaint',
            index=models.Index(fields=['team', 'due_at', 'id'], name='complaint_team_due_idx'),
        ),
        migrations.AddIndex(
            model_name='complaint',
            index=models.Index(fields=['assignee', 'due_at', 'id'], name='complaint_assignee_due_idx'),
        ),
        migrations.AddIndex(
            model_name='complaint',
            index=models.Index(fields=['state', 'due_at', 'id'], name='complaint_state_due_idx'),
        ),
        migrations.AddIndex(
            model_name='complaint',
            index=models.Index(fields=['category', 'due_at', 'id'], name='complaint_category_due_idx'),
        ),
        migrations.AddIndex(
            model_name='complaint',
            index=models.Index(fields=['customer', 'received_at'], name='complaint_customer_idx'),
        ),
        migrations.AddConstraint(
            model_name='idempotencykey',
            constraint=models.UniqueConstraint(fields=('user', 'key'), name='idempotency_key_unique'),
        ),
        migrations.AddIndex(
            model_name='message',
            index=models.Index(fields=['complaint', 'created_at'], name='message_complaint_idx'),
        ),
        migrations.AddConstraint(
            model_name='message',
            constraint=models.UniqueConstraint(condition=models.Q(('message_id__isnull', False)), fields=('message_id',), name='message_id_unique'),
        ),
        migrations.AddIndex(
            model_name='event',
            index=models.Index(fields=['complaint', 'created_at', 'id'], name='event_timeline_idx'),
        ),
    ]
