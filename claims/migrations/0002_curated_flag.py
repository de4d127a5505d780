from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0001_initial"),
        ("claims", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="curated",
            field=models.BooleanField(default=False),
        ),
        migrations.AddIndex(
            model_name="evidence",
            index=models.Index(fields=["article", "claim"], name="evidence_article_claim"),
        ),
    ]
