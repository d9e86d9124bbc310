"""Board pack pages. ``tenantvoice/urls.py`` mounts them under /staff/ (decision 0031)."""

from django.urls import path

from . import views

# Under /staff/, names "staff:...".
staff_urls = [
    path("reports/board-packs/", views.pack_list, name="board-packs"),
    path("reports/board-packs/new/", views.pack_new, name="board-pack-new"),
    path("reports/board-packs/<int:pk>/", views.pack_detail, name="board-pack"),
    path("reports/board-packs/<int:pk>/pdf/", views.pack_pdf_view, name="board-pack-pdf"),
    path("reports/board-packs/<int:pk>/compose/", views.pack_compose, name="board-pack-compose"),
    path("reports/board-packs/<int:pk>/change/", views.pack_change, name="board-pack-change"),
    path("reports/board-packs/<int:pk>/final/", views.pack_final, name="board-pack-final"),
    path(
        "reports/board-packs/<int:pk>/draw-again/", views.pack_redraw_all_view, name="board-pack-redraw-all"
    ),
    path("reports/board-packs/<int:pk>/drawing/", views.pack_redraw_progress, name="board-pack-drawing"),
    path(
        "reports/board-packs/sections/<int:pk>/narrative/",
        views.section_narrative,
        name="board-pack-narrative",
    ),
    path("reports/board-packs/sections/<int:pk>/move/", views.section_move_view, name="board-pack-move"),
    path(
        "reports/board-packs/sections/<int:pk>/redraw/", views.section_redraw_view, name="board-pack-redraw"
    ),
    path(
        "reports/board-packs/sections/<int:pk>/remove/", views.section_remove_view, name="board-pack-remove"
    ),
]
