"""The "Analysts" group: the accounts a curator invites to save searches (never staff: no admin access)."""

from django.db import migrations

ANALYSTS = "Analysts"


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=ANALYSTS)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ANALYSTS).delete()


class Migration(migrations.Migration):
    dependencies = [("alerts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_group, remove_group)]
