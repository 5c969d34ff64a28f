import django.core.validators
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
            name='MinimumScore',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('severity', models.CharField(choices=[('low', 'Low'), ('normal', 'Normal'), ('high', 'High'), ('critical', 'Critical')], max_length=10, unique=True)),
                ('minimum', models.PositiveSmallIntegerField(validators=[django.core.validators.MaxValueValidator(100)])),
                ('is_active', models.BooleanField(default=True)),
            ],
            options={
                'verbose_name': 'minimum reply score',
                'ordering': ['severity'],
            },
        ),
        migrations.CreateModel(
            name='Playbook',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('slug', models.SlugField(max_length=120, unique=True)),
                ('kind', models.CharField(choices=[('category', 'Category'), ('question', 'Tough question')], default='category', max_length=10)),
                ('question', models.CharField(blank=True, help_text='For a tough question: what the customer asks or threatens.', max_length=300)),
                ('is_active', models.BooleanField(default=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('category', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='playbooks', to='complaints.category')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['title'],
            },
        ),
        migrations.CreateModel(
            name='PlaybookVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField()),
                ('state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Waiting for approval'), ('approved', 'Approved'), ('retired', 'Retired')], default='draft', max_length=10)),
                ('summary', models.TextField(blank=True, help_text='When this playbook applies, in a sentence or two.')),
                ('questions', models.TextField(blank=True, help_text='Questions to ask to find the real problem, one a line.')),
                ('may_promise', models.TextField(blank=True, help_text='What an agent may promise, one a line.')),
                ('may_not_promise', models.TextField(blank=True, help_text='What an agent must not promise, one a line.')),
                ('change_note', models.CharField(blank=True, max_length=300)),
                ('review_note', models.CharField(blank=True, help_text='Why it was sent back.', max_length=300)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('submitted_at', models.DateTimeField(blank=True, null=True)),
                ('approved_at', models.DateTimeField(blank=True, null=True)),
                ('approved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('playbook', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='versions', to='coaching.playbook')),
                ('submitted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['playbook', '-number'],
            },
        ),
        migrations.CreateModel(
            name='ReplyTemplate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(default=0)),
                ('title', models.CharField(max_length=120)),
                ('body', models.TextField()),
                ('version', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='templates', to='coaching.playbookversion')),
            ],
            options={
                'ordering': ['version', 'position', 'id'],
            },
        ),
        migrations.AddConstraint(
            model_name='playbookversion',
            constraint=models.UniqueConstraint(fields=('playbook', 'number'), name='playbook_version_number_unique'),
        ),
        migrations.AddConstraint(
            model_name='playbookversion',
            constraint=models.UniqueConstraint(condition=models.Q(('state', 'approved')), fields=('playbook',), name='playbook_one_approved_version'),
        ),
    ]
