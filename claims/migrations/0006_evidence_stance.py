from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0005_claim_merged_into'),
    ]

    operations = [
        migrations.AddField(
            model_name='evidence',
            name='stance',
            field=models.CharField(blank=True, choices=[('asserted', 'Stated as fact'), ('attributed', 'Attributed'), ('hedged', 'Hedged')], max_length=12),
        ),
        migrations.AddField(
            model_name='evidence',
            name='stance_cues',
            field=models.JSONField(blank=True, default=list),
        ),
    ]
