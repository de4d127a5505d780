from django.db import migrations, models

from articles.text.framing import stance


def mark_existing(apps, schema_editor):
    """Evidence stored before stance existed gets it from its excerpt."""
    Evidence = apps.get_model("claims", "Evidence")
    rows = list(Evidence.objects.only("id", "excerpt"))
    for row in rows:
        row.stance, row.stance_cues = stance(row.excerpt or "")
    Evidence.objects.bulk_update(rows, ["stance", "stance_cues"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0004_curators_view_articles'),
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
        migrations.RunPython(mark_existing, migrations.RunPython.noop),
    ]
