import django.db.models.deletion
import django.utils.timezone
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
            name='Mailbox',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, unique=True)),
                ('host', models.CharField(max_length=255)),
                ('port', models.PositiveIntegerField(default=993)),
                ('security', models.CharField(choices=[('imaps', 'IMAPS (TLS from the start)'), ('starttls', 'STARTTLS'), ('none', 'None (loopback or testing only)')], default='imaps', max_length=10)),
                ('username', models.CharField(max_length=255)),
                ('password', models.CharField(blank=True, help_text='Leave blank to read it from the environment variable named below.', max_length=255)),
                ('password_env', models.CharField(blank=True, help_text='e.g. AMENDS_IMAP_CARE_PASSWORD; kept out of the database.', max_length=100)),
                ('folder', models.CharField(default='INBOX', max_length=255)),
                ('after_ingest', models.CharField(choices=[('move', 'Move to the processed folder'), ('flag', 'Flag as seen and processed')], default='move', max_length=10)),
                ('processed_folder', models.CharField(default='Amends-Processed', max_length=255)),
                ('is_active', models.BooleanField(default=True)),
                ('uid_validity', models.BigIntegerField(blank=True, editable=False, null=True)),
                ('last_uid', models.BigIntegerField(default=0, editable=False)),
                ('locked_until', models.DateTimeField(blank=True, editable=False, null=True)),
                ('last_polled_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('last_error', models.TextField(blank=True, editable=False)),
            ],
            options={
                'verbose_name_plural': 'mailboxes',
            },
        ),
        migrations.CreateModel(
            name='InboundMail',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('source', models.CharField(choices=[('smtp', 'SMTP receiver'), ('imap', 'IMAP mailbox'), ('webhook', 'Provider webhook'), ('file', 'File import')], max_length=10)),
                ('source_ref', models.CharField(blank=True, help_text='Where exactly it came from.', max_length=300)),
                ('envelope_from', models.CharField(blank=True, max_length=254)),
                ('envelope_to', models.TextField(blank=True, help_text='Envelope recipients, one a line.')),
                ('raw', models.BinaryField(blank=True, null=True)),
                ('size', models.PositiveIntegerField()),
                ('sha256', models.CharField(max_length=64, unique=True)),
                ('msgid', models.CharField(blank=True, max_length=255, null=True, verbose_name='Message-ID')),
                ('status', models.CharField(choices=[('pending', 'Stored, not yet processed'), ('processed', 'Processed'), ('quarantined', 'Quarantined'), ('dismissed', 'Dismissed by staff')], default='pending', max_length=12)),
                ('outcome', models.CharField(blank=True, choices=[('', 'Not yet'), ('new', 'New complaint'), ('threaded', 'Added to a complaint'), ('bounce', 'Delivery failure report')], default='', max_length=10)),
                ('noise', models.CharField(blank=True, choices=[('', 'Written by a person'), ('auto_reply', 'Automatic reply'), ('bulk', 'Bulk or list mail'), ('bounce', 'Bounce'), ('loop', 'Our own mail come back')], default='', max_length=12)),
                ('reason', models.TextField(blank=True, help_text='Why it was quarantined, or what was noticed.')),
                ('from_address', models.CharField(blank=True, max_length=254)),
                ('subject', models.CharField(blank=True, max_length=300)),
                ('attempts', models.PositiveSmallIntegerField(default=0)),
                ('duplicates', models.PositiveIntegerField(default=0, help_text='Times it was delivered again.')),
                ('received_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('processed_at', models.DateTimeField(blank=True, null=True)),
                ('complaint', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='complaints.complaint')),
                ('handled_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('message', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='complaints.message')),
            ],
            options={
                'verbose_name': 'inbound mail',
                'verbose_name_plural': 'inbound mail',
            },
        ),
        migrations.CreateModel(
            name='Attachment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(blank=True, max_length=200, upload_to='mail/')),
                ('filename', models.CharField(max_length=255)),
                ('content_type', models.CharField(max_length=100)),
                ('size', models.PositiveIntegerField()),
                ('sha256', models.CharField(max_length=64)),
                ('content_id', models.CharField(blank=True, help_text='Set for inline images.', max_length=255)),
                ('is_inline', models.BooleanField(default=False)),
                ('refused', models.CharField(blank=True, help_text='Why the file was not kept.', max_length=200)),
                ('message', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='attachments', to='complaints.message')),
                ('inbound', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='mail.inboundmail')),
            ],
        ),
        migrations.AddIndex(
            model_name='inboundmail',
            index=models.Index(fields=['status', 'id'], name='inbound_status_idx'),
        ),
        migrations.AddConstraint(
            model_name='inboundmail',
            constraint=models.UniqueConstraint(condition=models.Q(('msgid__isnull', False)), fields=('msgid',), name='inbound_msgid_unique'),
        ),
    ]
