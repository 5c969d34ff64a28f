from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0004_team_state_due_index'),
    ]

    operations = [
        migrations.AlterField(
            model_name='event',
            name='kind',
            field=models.CharField(choices=[('received', 'Complaint received'), ('state_changed', 'State changed'), ('message_in', 'Customer wrote'), ('message_out', 'Reply sent'), ('note', 'Internal note'), ('assigned', 'Assigned'), ('categorised', 'Category or severity set'), ('merged', 'Merged'), ('promise_made', 'Promise made'), ('promise_settled', 'Promise settled'), ('delivery_failed', 'Delivery failed'), ('remedy_sought', 'Remedy sought noted'), ('remedy_offered', 'Remedies offered'), ('remedy_chosen', 'Customer chose a remedy'), ('remedy_countered', 'Customer proposed another remedy'), ('remedy_granted', 'Remedy granted'), ('approval_requested', 'Approval requested'), ('approval_decided', 'Approval decided'), ('approval_escalated', 'Approval escalated'), ('escalated', 'Escalated'), ('feedback', 'Customer feedback')], max_length=20),
        ),
    ]
