import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('complaints', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Survey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('satisfaction', 'Satisfaction survey'), ('checkin', 'Did the fix hold?')], max_length=12)),
                ('state', models.CharField(choices=[('scheduled', 'Scheduled'), ('sent', 'Sent'), ('answered', 'Answered'), ('cancelled', 'Not sent'), ('expired', 'Not answered')], default='scheduled', max_length=10)),
                ('send_at', models.DateTimeField()),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
                ('reminded_at', models.DateTimeField(blank=True, null=True)),
                ('answered_at', models.DateTimeField(blank=True, null=True)),
                ('wake_at', models.DateTimeField(blank=True, null=True)),
                ('score', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('better', models.TextField(blank=True, help_text='How could we have done better?')),
                ('recommend', models.CharField(blank=True, choices=[('yes', 'Yes'), ('unsure', 'Not sure'), ('no', 'No')], max_length=6)),
                ('held', models.BooleanField(blank=True, help_text='Did the fix hold?', null=True)),
                ('details', models.TextField(blank=True)),
                ('note', models.CharField(blank=True, help_text='Why it was not sent.', max_length=200)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('complaint', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='surveys', to='complaints.complaint')),
            ],
            options={
                'indexes': [models.Index(condition=models.Q(('wake_at__isnull', False)), fields=['wake_at'], name='survey_wake_idx'), models.Index(fields=['answered_at', 'kind'], name='survey_answered_idx')],
                'constraints': [models.UniqueConstraint(fields=('complaint', 'kind'), name='survey_one_per_kind'), models.CheckConstraint(condition=models.Q(('score__isnull', True), models.Q(('score__gte', 1), ('score__lte', 5)), _connector='OR'), name='survey_score_1_to_5')],
            },
        ),
    ]
