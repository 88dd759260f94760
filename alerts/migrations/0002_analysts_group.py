"""The "Analysts" group (the accounts curators invite; never staff: no admin access), and the
Curators' right to invite them and to look at digests."""

from django.db import migrations

from archive.curators import grant, revoke

ANALYSTS = "Analysts"
CURATORS_MAY = {"invitation": ["add", "view"], "digest": ["view"], "savedsearch": ["view"]}


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=ANALYSTS)
    grant(apps, "alerts", CURATORS_MAY)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ANALYSTS).delete()
    revoke(apps, "alerts", CURATORS_MAY)


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
        ("archive", "0003_curators_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
