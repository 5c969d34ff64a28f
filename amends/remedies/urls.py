from django.urls import path

from . import portal, views

app_name = "remedies"
urlpatterns = [
    path("c/<str:reference>/sought/", views.sought, name="sought"),
    path("c/<str:reference>/ask/", views.ask, name="ask"),
    path("c/<str:reference>/offer/", views.offer, name="offer_make"),
    path("c/<str:reference>/choice/", views.phone_choice, name="phone_choice"),
    path("c/<str:reference>/grant/", views.grant, name="grant"),
    path("c/<str:reference>/resolve/", views.resolve, name="resolve"),
    path("approvals/", views.approvals, name="approvals"),
    path("approvals/<int:pk>/approve/", views.approve, name="approve"),
    path("approvals/<int:pk>/decline/", views.decline, name="decline"),
    path("approvals/link/<str:token>/", portal.approval_link, name="approval_link"),
    path("ledger/", views.ledger, name="ledger"),
    path("fairness/", views.fairness, name="fairness"),
    path("offer/<str:token>/", portal.offer_page, name="offer"),
]
