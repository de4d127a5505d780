"""The "curators" group: may curate claims, evidence, people and outlets, nothing else."""
from django.db import migrations

CURATED_MODELS = {
    "claims": ["claim", "evidence"],
    "articles": ["person", "personalias", "outlet"],
}
ACTIONS = ["view", "add", "change", "delete"]


def create_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; make sure they exist.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="curators")
    codenames = [
        f"{action}_{model}" for models in CURATED_MODELS.values() for model in models for action in ACTIONS
    ]
    perms = Permission.objects.filter(
        content_type__app_label__in=list(CURATED_MODELS), codename__in=codenames
    )
    group.permissions.set(perms)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="curators").delete()


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0001_initial"),
        ("claims", "0002_curated_flag"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
