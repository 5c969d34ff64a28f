import amends.remedies.models
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0001_initial'),
        ('complaints', '0001_initial'),
        ('promises', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AuthorityLimit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(blank=True, choices=[('agent', 'Agent'), ('supervisor', 'Supervisor'), ('spokesperson', 'Spokesperson'), ('admin', 'Administrator')], max_length=20)),
                ('currency', models.CharField(default=amends.remedies.models.default_currency, max_length=3)),
                ('per_remedy', models.DecimalField(blank=True, decimal_places=3, help_text='Blank: no limit; 0: always ask for approval. One remedy.', max_digits=14, null=True)),
                ('per_complaint', models.DecimalField(blank=True, decimal_places=3, help_text='Blank: no limit; 0: always ask for approval. All grants on a complaint.', max_digits=14, null=True)),
                ('per_customer', models.DecimalField(blank=True, decimal_places=3, help_text='Blank: no limit; 0: always ask for approval. One customer, in the period.', max_digits=14, null=True)),
                ('customer_period_days', models.PositiveSmallIntegerField(default=30, help_text='The per-customer limit counts grants in this many days.')),
                ('monthly_budget', models.DecimalField(blank=True, decimal_places=3, help_text='Blank: no limit; 0: always ask for approval. A calendar month.', max_digits=14, null=True)),
                ('budget_is_shared', models.BooleanField(default=False, help_text="One budget for everyone this row covers, rather than each person's own.")),
                ('team', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, to='accounts.team')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.CreateModel(
            name='Offer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('note', models.TextField(blank=True, help_text="The agent's own words above the options.")),
                ('state', models.CharField(choices=[('open', 'Waiting for the customer'), ('chosen', 'Chosen'), ('countered', 'Customer proposed another'), ('withdrawn', 'Withdrawn')], default='open', max_length=10)),
                ('nonce', models.CharField(help_text='In the signed link; a new offer gets a new one.', max_length=32)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('expires_at', models.DateTimeField()),
                ('responded_at', models.DateTimeField(blank=True, null=True)),
                ('responded_via', models.CharField(blank=True, choices=[('portal', 'Portal link'), ('phone', 'By phone, recorded by staff')], max_length=10)),
                ('counter_proposal', models.TextField(blank=True)),
                ('complaint', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='offers', to='complaints.complaint')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('message', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='complaints.message')),
                ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.CreateModel(
            name='OfferOption',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField()),
                ('kind', models.CharField(choices=[('refund', 'Refund'), ('partial_refund', 'Partial refund'), ('replacement', 'Replacement'), ('repair', 'Repair'), ('credit', 'Account credit'), ('discount', 'Discount'), ('gift_card', 'Gift card'), ('callback', 'Callback'), ('explanation', 'Explanation'), ('apology_only', 'Apology only'), ('handwritten_note', 'Handwritten note'), ('flowers', 'Flowers or a gift'), ('upgrade', 'Upgrade'), ('custom', 'Something else')], max_length=20)),
                ('amount', models.DecimalField(decimal_places=3, max_digits=14)),
                ('currency', models.CharField(max_length=3)),
                ('wording', models.CharField(max_length=300)),
                ('offer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='options', to='remedies.offer')),
            ],
            options={
                'ordering': ['position'],
            },
        ),
        migrations.AddField(
            model_name='offer',
            name='chosen',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='remedies.offeroption'),
        ),
        migrations.CreateModel(
            name='ApprovalRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('refund', 'Refund'), ('partial_refund', 'Partial refund'), ('replacement', 'Replacement'), ('repair', 'Repair'), ('credit', 'Account credit'), ('discount', 'Discount'), ('gift_card', 'Gift card'), ('callback', 'Callback'), ('explanation', 'Explanation'), ('apology_only', 'Apology only'), ('handwritten_note', 'Handwritten note'), ('flowers', 'Flowers or a gift'), ('upgrade', 'Upgrade'), ('custom', 'Something else')], max_length=20)),
                ('amount', models.DecimalField(decimal_places=3, max_digits=14)),
                ('currency', models.CharField(max_length=3)),
                ('wording', models.CharField(max_length=300)),
                ('is_gesture', models.BooleanField(default=False)),
                ('key', models.CharField(help_text='What is being granted, so a repeat is not a second ask.', max_length=100)),
                ('why', models.TextField(help_text='Which limit it is above.')),
                ('summary', models.TextField(help_text='The case, as the approver reads it.')),
                ('level', models.CharField(choices=[('supervisor', 'Supervisor'), ('admin', 'Administrator')], max_length=10)),
                ('state', models.CharField(choices=[('pending', 'Waiting'), ('approved', 'Approved'), ('declined', 'Declined'), ('expired', 'Expired undecided')], default='pending', max_length=10)),
                ('nonce', models.CharField(max_length=32)),
                ('escalations', models.PositiveSmallIntegerField(default=0)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('expires_at', models.DateTimeField()),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('decision_reason', models.TextField(blank=True)),
                ('complaint', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='approval_requests', to='complaints.complaint')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('option', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='remedies.offeroption')),
            ],
        ),
        migrations.CreateModel(
            name='Remedy',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, unique=True)),
                ('kind', models.CharField(choices=[('refund', 'Refund'), ('partial_refund', 'Partial refund'), ('replacement', 'Replacement'), ('repair', 'Repair'), ('credit', 'Account credit'), ('discount', 'Discount'), ('gift_card', 'Gift card'), ('callback', 'Callback'), ('explanation', 'Explanation'), ('apology_only', 'Apology only'), ('handwritten_note', 'Handwritten note'), ('flowers', 'Flowers or a gift'), ('upgrade', 'Upgrade'), ('custom', 'Something else')], max_length=20)),
                ('wording', models.CharField(help_text="How the customer reads it in an offer, e.g. 'A full refund to your card'.", max_length=300)),
                ('default_amount', models.DecimalField(blank=True, decimal_places=3, max_digits=14, null=True)),
                ('max_amount', models.DecimalField(blank=True, decimal_places=3, help_text='The most this remedy may be offered for; blank for no cap.', max_digits=14, null=True)),
                ('currency', models.CharField(blank=True, help_text="ISO 4217 code; blank for the organisation's currency.", max_length=3)),
                ('fulfilment_steps', models.TextField(blank=True, help_text='What to do once granted, one step a line.')),
                ('fulfil_within_days', models.PositiveSmallIntegerField(default=5, help_text='Days to fulfil once granted (a promise to the customer); 0 for nothing to do.')),
                ('is_gesture', models.BooleanField(default=False, help_text='A goodwill or surprise gesture, suggested rather than offered.')),
                ('suggest_from_severity', models.CharField(blank=True, choices=[('low', 'Low'), ('normal', 'Normal'), ('high', 'High'), ('critical', 'Critical')], help_text='Gestures: suggest for complaints at least this severe (blank for any).', max_length=10)),
                ('suggest_after_complaints', models.PositiveSmallIntegerField(default=0, help_text='Gestures: suggest when the customer has complained at least this often before.')),
                ('position', models.PositiveSmallIntegerField(default=100)),
                ('is_active', models.BooleanField(default=True)),
            ],
            options={
                'verbose_name_plural': 'remedies',
                'ordering': ['position', 'name'],
                'constraints': [models.CheckConstraint(condition=models.Q(('default_amount__gte', 0), ('default_amount__isnull', True), _connector='OR'), name='remedy_default_not_negative'), models.CheckConstraint(condition=models.Q(('max_amount__gte', 0), ('max_amount__isnull', True), _connector='OR'), name='remedy_max_not_negative')],
            },
        ),
        migrations.AddField(
            model_name='offeroption',
            name='remedy',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='remedies.remedy'),
        ),
        migrations.CreateModel(
            name='Grant',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('severity', models.CharField(choices=[('low', 'Low'), ('normal', 'Normal'), ('high', 'High'), ('critical', 'Critical')], max_length=10)),
                ('kind', models.CharField(choices=[('refund', 'Refund'), ('partial_refund', 'Partial refund'), ('replacement', 'Replacement'), ('repair', 'Repair'), ('credit', 'Account credit'), ('discount', 'Discount'), ('gift_card', 'Gift card'), ('callback', 'Callback'), ('explanation', 'Explanation'), ('apology_only', 'Apology only'), ('handwritten_note', 'Handwritten note'), ('flowers', 'Flowers or a gift'), ('upgrade', 'Upgrade'), ('custom', 'Something else')], max_length=20)),
                ('amount', models.DecimalField(decimal_places=3, max_digits=14)),
                ('currency', models.CharField(max_length=3)),
                ('wording', models.CharField(max_length=300)),
                ('is_gesture', models.BooleanField(default=False)),
                ('key', models.CharField(help_text='What was granted; granting twice is refused.', max_length=100, unique=True)),
                ('granted_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('approval', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='grant', to='remedies.approvalrequest')),
                ('authorised_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('authority', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='remedies.authoritylimit')),
                ('category', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='complaints.category')),
                ('complaint', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='grants', to='complaints.complaint')),
                ('customer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='complaints.customer')),
                ('promise', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='promises.promise')),
                ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('team', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='accounts.team')),
                ('option', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='grant', to='remedies.offeroption')),
                ('remedy', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='grants', to='remedies.remedy')),
            ],
            options={
                'verbose_name': 'redress ledger entry',
                'verbose_name_plural': 'redress ledger',
            },
        ),
        migrations.AddField(
            model_name='approvalrequest',
            name='remedy',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='remedies.remedy'),
        ),
        migrations.CreateModel(
            name='SoughtRemedy',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('refund', 'Refund'), ('partial_refund', 'Partial refund'), ('replacement', 'Replacement'), ('repair', 'Repair'), ('credit', 'Account credit'), ('discount', 'Discount'), ('gift_card', 'Gift card'), ('callback', 'Callback'), ('explanation', 'Explanation'), ('apology_only', 'Apology only'), ('handwritten_note', 'Handwritten note'), ('flowers', 'Flowers or a gift'), ('upgrade', 'Upgrade'), ('custom', 'Something else')], max_length=20)),
                ('amount', models.DecimalField(blank=True, decimal_places=3, max_digits=14, null=True)),
                ('currency', models.CharField(blank=True, max_length=3)),
                ('note', models.TextField(blank=True)),
                ('source', models.CharField(choices=[('agent', 'Recorded by staff'), ('customer', 'The customer, in their reply to an offer')], max_length=10)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('complaint', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='remedies_sought', to='complaints.complaint')),
                ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.AddConstraint(
            model_name='authoritylimit',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('user__isnull', False), ('team__isnull', True), ('role', '')), models.Q(('user__isnull', True), models.Q(('role', ''), _negated=True)), _connector='OR'), name='authority_scope_is_person_or_role'),
        ),
        migrations.AddConstraint(
            model_name='authoritylimit',
            constraint=models.UniqueConstraint(condition=models.Q(('user__isnull', False)), fields=('user', 'currency'), name='authority_user_unique'),
        ),
        migrations.AddConstraint(
            model_name='authoritylimit',
            constraint=models.UniqueConstraint(condition=models.Q(('team__isnull', False)), fields=('team', 'role', 'currency'), name='authority_team_role_unique'),
        ),
        migrations.AddConstraint(
            model_name='authoritylimit',
            constraint=models.UniqueConstraint(condition=models.Q(('team__isnull', True), ('user__isnull', True)), fields=('role', 'currency'), name='authority_role_unique'),
        ),
        migrations.AddIndex(
            model_name='offer',
            index=models.Index(fields=['complaint', 'created_at'], name='offer_complaint_idx'),
        ),
        migrations.AddConstraint(
            model_name='offer',
            constraint=models.UniqueConstraint(condition=models.Q(('state', 'open')), fields=('complaint',), name='offer_one_open_per_complaint'),
        ),
        migrations.AddConstraint(
            model_name='offeroption',
            constraint=models.UniqueConstraint(fields=('offer', 'position'), name='offer_option_position_unique'),
        ),
        migrations.AddConstraint(
            model_name='offeroption',
            constraint=models.CheckConstraint(condition=models.Q(('amount__gte', 0)), name='offer_option_not_negative'),
        ),
        migrations.AddIndex(
            model_name='grant',
            index=models.Index(fields=['granted_at', 'category', 'currency', 'amount', 'team'], name='grant_period_cost_idx'),
        ),
        migrations.AddIndex(
            model_name='grant',
            index=models.Index(fields=['category', 'severity', 'granted_at', 'currency', 'amount', 'kind', 'complaint'], name='grant_fairness_idx'),
        ),
        migrations.AddIndex(
            model_name='grant',
            index=models.Index(fields=['authority', 'authorised_by', 'granted_at', 'amount'], name='grant_budget_idx'),
        ),
        migrations.AddIndex(
            model_name='grant',
            index=models.Index(fields=['customer', 'currency', 'granted_at', 'amount'], name='grant_customer_idx'),
        ),
        migrations.AddIndex(
            model_name='grant',
            index=models.Index(fields=['complaint', 'currency', 'amount'], name='grant_complaint_idx'),
        ),
        migrations.AddConstraint(
            model_name='grant',
            constraint=models.CheckConstraint(condition=models.Q(('amount__gte', 0)), name='grant_not_negative'),
        ),
        migrations.AddIndex(
            model_name='approvalrequest',
            index=models.Index(condition=models.Q(('state', 'pending')), fields=['expires_at'], name='approval_pending_due_idx'),
        ),
        migrations.AddIndex(
            model_name='approvalrequest',
            index=models.Index(fields=['level', 'state', 'created_at'], name='approval_level_state_idx'),
        ),
        migrations.AddIndex(
            model_name='approvalrequest',
            index=models.Index(fields=['complaint', 'created_at'], name='approval_complaint_idx'),
        ),
        migrations.AddConstraint(
            model_name='approvalrequest',
            constraint=models.UniqueConstraint(condition=models.Q(('state', 'pending')), fields=('key',), name='approval_pending_key'),
        ),
        migrations.AddConstraint(
            model_name='approvalrequest',
            constraint=models.CheckConstraint(condition=models.Q(('amount__gte', 0)), name='approval_not_negative'),
        ),
        migrations.AddIndex(
            model_name='soughtremedy',
            index=models.Index(fields=['complaint', 'created_at'], name='sought_complaint_idx'),
        ),
    ]
