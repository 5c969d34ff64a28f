import amends.promises.models
import datetime
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('complaints', '0001_initial'),
        ('promises', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='BusinessCalendar',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100)),
                ('time_zone', models.CharField(default='Europe/London', max_length=64, validators=[amends.promises.models.validate_time_zone])),
                ('opens', models.TimeField(default=datetime.time(9, 0))),
                ('closes', models.TimeField(default=datetime.time(17, 0))),
                ('weekdays', models.CharField(default='mon,tue,wed,thu,fri', max_length=40, validators=[amends.promises.models.validate_weekdays])),
                ('holiday_country', models.CharField(blank=True, default='GB', help_text='Public holidays of this country are not working days (ISO code; empty for none).', max_length=3, validators=[amends.promises.models.validate_holiday_country])),
                ('holiday_subdivision', models.CharField(blank=True, default='ENG', help_text='Region within the country, e.g. ENG, SCT.', max_length=10)),
            ],
        ),
        migrations.CreateModel(
            name='Closure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date', models.DateField()),
                ('name', models.CharField(max_length=100)),
            ],
        ),
        migrations.CreateModel(
            name='EscalationRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100)),
                ('is_active', models.BooleanField(default=True)),
                ('kind', models.CharField(blank=True, choices=[('first_response', 'First response'), ('update', 'Next update'), ('resolution', 'Resolution'), ('callback', 'Callback'), ('custom', 'Other commitment'), ('final_response', 'Final response'), ('summary_resolution', 'Summary resolution window')], help_text='Empty: any.', max_length=20)),
                ('severity', models.CharField(blank=True, choices=amends.promises.models._severity_choices, max_length=10)),
                ('minutes_before_due', models.PositiveIntegerField(default=30, help_text='Before the time told.', validators=[django.core.validators.MaxValueValidator(20160)])),
                ('raise_severity', models.BooleanField(default=True, help_text='One step up, up to critical.')),
                ('notify_supervisors', models.BooleanField(default=True)),
                ('reassign', models.CharField(blank=True, choices=[('', 'Keep the assignee'), ('supervisor', 'A supervisor of the team'), ('user', 'The person named below')], default='', max_length=12)),
            ],
        ),
        migrations.CreateModel(
            name='Policy',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100)),
                ('is_active', models.BooleanField(default=True)),
                ('severity', models.CharField(blank=True, choices=amends.promises.models._severity_choices, max_length=10)),
                ('first_response_hours', models.DecimalField(decimal_places=2, default=16, help_text='Business hours, told to the customer.', max_digits=7, validators=[django.core.validators.MinValueValidator(0)])),
                ('first_response_target_hours', models.DecimalField(decimal_places=2, default=8, help_text='The internal target, in business hours.', max_digits=7, validators=[django.core.validators.MinValueValidator(0)])),
                ('update_interval_hours', models.DecimalField(blank=True, decimal_places=2, default=24, help_text='Keep the customer in the loop: empty for no update promises.', max_digits=7, null=True, validators=[django.core.validators.MinValueValidator(0)])),
                ('update_target_hours', models.DecimalField(blank=True, decimal_places=2, default=16, max_digits=7, null=True, validators=[django.core.validators.MinValueValidator(0)])),
                ('resolution_hours', models.DecimalField(blank=True, decimal_places=2, default=80, help_text='Empty for no resolution clock.', max_digits=7, null=True, validators=[django.core.validators.MinValueValidator(0)])),
                ('resolution_target_hours', models.DecimalField(blank=True, decimal_places=2, default=56, max_digits=7, null=True, validators=[django.core.validators.MinValueValidator(0)])),
                ('follow_up_days', models.PositiveSmallIntegerField(blank=True, default=5, help_text="Business days after resolution for the 'did it hold?' check-in.", null=True)),
                ('survey_delay_hours', models.DecimalField(blank=True, decimal_places=2, default=8, help_text='Business hours after resolution before the survey; empty for none.', max_digits=7, null=True, validators=[django.core.validators.MinValueValidator(0)])),
                ('regime', models.CharField(blank=True, choices=[('', 'None'), ('fca_disp', 'UK FCA DISP'), ('fca_disp_payments', 'UK FCA DISP, payment services')], default='', max_length=20)),
                ('iso_10002', models.BooleanField(default=False, verbose_name='ISO 10002 checklist')),
            ],
            options={
                'verbose_name_plural': 'policies',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='ReminderRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100)),
                ('is_active', models.BooleanField(default=True)),
                ('kind', models.CharField(blank=True, choices=[('first_response', 'First response'), ('update', 'Next update'), ('resolution', 'Resolution'), ('callback', 'Callback'), ('custom', 'Other commitment'), ('final_response', 'Final response'), ('summary_resolution', 'Summary resolution window')], help_text='Empty: any.', max_length=20)),
                ('minutes_before_target', models.PositiveIntegerField(default=60)),
            ],
        ),
        migrations.RemoveIndex(
            model_name='promise',
            name='promise_open_target_idx',
        ),
        migrations.AddField(
            model_name='promise',
            name='attempt',
            field=models.PositiveSmallIntegerField(db_default=1, default=1),
        ),
        migrations.AddField(
            model_name='promise',
            name='business_seconds',
            field=models.PositiveIntegerField(blank=True, help_text='Business time from the promise being made to its fulfilment.', null=True),
        ),
        migrations.AddField(
            model_name='promise',
            name='escalated_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='promise',
            name='fulfilled_at',
            field=models.DateTimeField(blank=True, help_text='When it was done, even if late.', null=True),
        ),
        migrations.AddField(
            model_name='promise',
            name='outcome_note',
            field=models.CharField(blank=True, db_default='', default='', max_length=300),
        ),
        migrations.AddField(
            model_name='promise',
            name='pausable',
            field=models.BooleanField(db_default=False, default=False, help_text='Stops while the complaint awaits the customer.'),
        ),
        migrations.AddField(
            model_name='promise',
            name='paused_due_seconds',
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='promise',
            name='paused_target_seconds',
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='promise',
            name='reminded_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='promise',
            name='source',
            field=models.CharField(choices=[('policy', 'Policy clock'), ('regime', 'Regulatory regime'), ('agent', 'Made by an agent'), ('customer', 'Asked for by the customer')], db_default='policy', default='policy', max_length=10),
        ),
        migrations.AddField(
            model_name='promise',
            name='source_message',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='complaints.message'),
        ),
        migrations.AddField(
            model_name='promise',
            name='visible',
            field=models.BooleanField(db_default=True, default=True, help_text='Told to the customer.'),
        ),
        migrations.AddField(
            model_name='promise',
            name='wake_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name='promise',
            name='kind',
            field=models.CharField(choices=[('first_response', 'First response'), ('update', 'Next update'), ('resolution', 'Resolution'), ('callback', 'Callback'), ('custom', 'Other commitment'), ('final_response', 'Final response'), ('summary_resolution', 'Summary resolution window')], max_length=20),
        ),
        migrations.AlterField(
            model_name='promise',
            name='state',
            field=models.CharField(choices=[('open', 'Open'), ('kept', 'Kept'), ('kept_early', 'Kept early'), ('broken', 'Broken'), ('cancelled', 'No longer owed'), ('paused', 'Paused while we wait for the customer')], default='open', max_length=12),
        ),
        migrations.AddIndex(
            model_name='promise',
            index=models.Index(condition=models.Q(('state', 'open')), fields=['wake_at'], name='promise_open_wake_idx'),
        ),
        migrations.AddIndex(
            model_name='promise',
            index=models.Index(fields=['settled_at', 'kind'], name='promise_settled_idx'),
        ),
        migrations.AddIndex(
            model_name='promise',
            index=models.Index(condition=models.Q(('kind', 'first_response')), fields=['fulfilled_at'], name='promise_first_response_idx'),
        ),
        migrations.AddField(
            model_name='businesscalendar',
            name='team',
            field=models.OneToOneField(blank=True, help_text='Leave empty for the default calendar used by teams without their own.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='business_calendar', to='accounts.team'),
        ),
        migrations.AddField(
            model_name='closure',
            name='calendar',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='closures', to='promises.businesscalendar'),
        ),
        migrations.AddField(
            model_name='escalationrule',
            name='category',
            field=models.ForeignKey(blank=True, help_text='Empty: any.', null=True, on_delete=django.db.models.deletion.CASCADE, to='complaints.category'),
        ),
        migrations.AddField(
            model_name='escalationrule',
            name='reassign_to',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='policy',
            name='category',
            field=models.ForeignKey(blank=True, help_text='Empty: any.', null=True, on_delete=django.db.models.deletion.CASCADE, to='complaints.category'),
        ),
        migrations.AddConstraint(
            model_name='businesscalendar',
            constraint=models.UniqueConstraint(condition=models.Q(('team__isnull', True)), fields=('name',), name='calendar_one_default'),
        ),
        migrations.AddConstraint(
            model_name='businesscalendar',
            constraint=models.CheckConstraint(condition=models.Q(('opens__lt', models.F('closes'))), name='calendar_opens_first'),
        ),
        migrations.AddConstraint(
            model_name='closure',
            constraint=models.UniqueConstraint(fields=('calendar', 'date'), name='closure_unique_day'),
        ),
        migrations.AddConstraint(
            model_name='policy',
            constraint=models.CheckConstraint(condition=models.Q(('first_response_target_hours__lte', models.F('first_response_hours'))), name='policy_first_response_target_first'),
        ),
    ]
