"""Curators may look up (not change) articles and events.

The evidence inline picks an article, and a claim an event, through admin
autocomplete, which answers only users who can view those models.
"""
from django.db import migrations

VIEW_ONLY = ["view_article", "view_event"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="curators")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", codename__in=VIEW_ONLY)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="curators").first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="articles", codename__in=VIEW_ONLY)
        )


class Migration(migrations.Migration):

    dependencies = [("claims", "0003_curators_group")]

    operations = [migrations.RunPython(grant, revoke)]
