"""A merged claim remembers the claim it became, so its address can lead there."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0004_curators_view_articles'),
    ]

    operations = [
        migrations.AddField(
            model_name='claim',
            name='merged_into',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='merged_from', to='claims.claim'),
        ),
        migrations.AlterField(
            model_name='claim',
            name='status',
            field=models.CharField(choices=[('candidate', 'Candidate'), ('confirmed', 'Confirmed'), ('disputed', 'Disputed'), ('rejected', 'Rejected'), ('merged', 'Merged')], default='candidate', max_length=20),
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('merged_into__isnull', False), ('status', 'merged')), models.Q(models.Q(('status', 'merged'), _negated=True), ('merged_into__isnull', True)), _connector='OR'), name='claim_merged_has_target'),
        ),
    ]
