"""The three roles, as groups with permissions; rcm.access decides with those permissions."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

EDITED_MODELS = {
    "rcm": ["country", "organization", "body"],
    "declarations": ["conference", "participation", "declaration", "paragraph"],
    "decisions": ["decision", "mention", "link"],
}
READ_CIRCULATED = ["declarations.view_circulated"]
EDIT = [
    "declarations.view_declaration",
    *(
        f"{app}.{action}_{model}"
        for app, models in EDITED_MODELS.items()
        for model in models
        for action in ("add", "change", "delete")
    ),
]
ROLES = {
    "delegate": READ_CIRCULATED,
    "editor": READ_CIRCULATED + EDIT,
    "publisher": READ_CIRCULATED + EDIT + ["declarations.publish_declaration"],
}


@transaction.atomic
def ensure_roles() -> dict[str, Group]:
    """Create the role groups, or bring their permissions back to the list above."""
    groups = {}
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = []
        for code in codes:
            app_label, codename = code.split(".")
            permissions.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(permissions)
        groups[name] = group
    return groups
