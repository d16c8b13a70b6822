"""Everything under /staff/: the Secretariat's screens. Each view checks its role (declarations.access)."""

from django.urls import path

from decisions import staff_views as decisions
from declarations import staff_views as declarations
from followup import staff_views as followup
from rcm.base.models import ACTOR_KINDS
from rcm.front import staff_views as front
from rcm.front import translations
from rcm.interchange import staff_views as interchange

urlpatterns = [
    path("", front.dashboard, name="staff_dashboard"),
    path("conferences/", declarations.conference_list, name="staff_conference_list"),
    path("conferences/new/", declarations.conference_edit, name="staff_conference_new"),
    path("conferences/<int:pk>/", declarations.conference_edit, name="staff_conference_edit"),
    path("import/", interchange.declaration_import, name="staff_import"),
    path("conferences/<int:pk>/declarations/new/", declarations.declaration_new, name="staff_declaration_new"),
    path("conferences/<int:conference_pk>/decisions/new/", followup.decision_edit, name="staff_decision_new"),
    path("declarations/<int:pk>/", decisions.declaration_edit, name="staff_declaration_edit"),
    path("declarations/<int:pk>/circulate/", declarations.declaration_circulate, name="staff_declaration_circulate"),
    path("declarations/<int:pk>/publish/", declarations.declaration_publish, name="staff_declaration_publish"),
    path("declarations/<int:pk>/unpublish/", declarations.declaration_unpublish, name="staff_declaration_unpublish"),
    path("decisions/<int:pk>/", followup.decision_edit, name="staff_decision_edit"),
    path("decisions/<int:pk>/links/new/", decisions.link_new, name="staff_link_new"),
    path("links/<int:pk>/delete/", decisions.link_delete, name="staff_link_delete"),
    path("follow-up/", followup.dashboard, name="staff_followup"),
    path("follow-up/<slug:kind>/<int:pk>/", followup.responsible, name="staff_responsible"),
    path("decisions/<int:pk>/follow-up/", followup.decision_followup, name="staff_decision_followup"),
    path("mandates/<int:pk>/", followup.mandate_edit, name="staff_mandate_edit"),
    path("translations/", translations.translation_list, name="staff_translations"),
    path("translations/<int:pk>/<str:language>/", translations.translation_edit, name="staff_translation_edit"),
    path("translations/<slug:kind>/<int:pk>/name/", translations.translation_name, name="staff_translation_name"),
    path("history/<slug:kind>/<int:pk>/", front.history, name="staff_history"),
    path("history/<slug:kind>/<int:pk>/restore/<int:history_id>/", front.history_restore, name="staff_history_restore"),
]
for kind in ACTOR_KINDS:
    urlpatterns += [
        path(f"{kind.plural}/", front.reference_list, {"kind": kind.word}, name=f"staff_{kind.word}_list"),
        path(f"{kind.plural}/new/", front.reference_edit, {"kind": kind.word}, name=f"staff_{kind.word}_new"),
        path(f"{kind.plural}/<int:pk>/", front.reference_edit, {"kind": kind.word}, name=f"staff_{kind.word}_edit"),
    ]
