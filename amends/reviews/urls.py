from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("c/<str:reference>/", views.review, name="review"),
    path("proposals/", views.proposals, name="proposals"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal"),
    *(
        path(
            f"proposals/<int:pk>/{action}/", views.proposal_act, {"action": action}, name=f"proposal_{action}"
        )
        for action in ("acknowledge", "decide", "outcome")
    ),
]
