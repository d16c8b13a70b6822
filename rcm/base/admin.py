"""Django's admin: the fallback for superusers. It edits through the same checks as the staff screens:
a save on a stale page is refused (the revision check), and the texts themselves are read-only here."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin

from rcm.base.models import Body, Country, ExternalDocument, Organization
from rcm.base.services import revision_save


class RevisionedAdminForm(forms.ModelForm):
    """Carries the revision the page was opened at, as the staff forms do."""

    opened_at_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opened_at_revision"].initial = self.instance.revision

    def clean(self) -> dict:
        cleaned = super().clean()
        stored = type(self.instance).objects.filter(pk=self.instance.pk).values_list("revision", flat=True).first()
        if self.instance.pk and stored != cleaned.get("opened_at_revision"):
            raise ValidationError(
                gettext("Someone saved this record after you opened this page: open it again to see their change."),
                code="stale",
            )
        return cleaned


class RevisionedAdmin(SimpleHistoryAdmin):
    """Saves through rcm.base.services.revision_save, so that a staff form opened before is refused, not obeyed."""

    form = RevisionedAdminForm

    def save_model(self, request, obj, form, change) -> None:
        if change:
            revision_save(obj, revision=form.cleaned_data["opened_at_revision"])
        else:
            obj.save()


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """The texts and their parts are edited in the staff screens, whose every save goes through the
    revision check and the publisher's gate; here they are only shown."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline:
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Country)
class CountryAdmin(RevisionedAdmin):
    list_display = ["code", "name_en", "name_es", "is_member"]
    list_filter = ["is_member"]
    search_fields = ["code", "name_en", "name_es"]


@admin.register(Organization)
class OrganizationAdmin(RevisionedAdmin):
    list_display = ["acronym", "name_en", "kind"]
    list_filter = ["kind"]
    search_fields = ["acronym", "acronym_es", "name_en", "name_es"]


@admin.register(Body)
class BodyAdmin(RevisionedAdmin):
    list_display = ["name_en", "acronym", "kind"]
    list_filter = ["kind"]
    search_fields = ["name_en", "name_es", "acronym"]
    prepopulated_fields = {"slug": ["name_en"]}
    filter_horizontal = ["members"]


@admin.register(ExternalDocument)
class ExternalDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title_en", "kind"]
    search_fields = ["title_en", "title_es"]
    prepopulated_fields = {"slug": ["title_en"]}
