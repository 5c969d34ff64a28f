from django.urls import path

from . import views

app_name = "coaching"
urlpatterns = [
    path("c/<str:reference>/panel/", views.coach_panel, name="panel"),
    path("playbooks/", views.playbook_list, name="playbook_list"),
    path("playbooks/new/", views.playbook_new, name="playbook_new"),
    path("playbooks/<slug:slug>/", views.playbook_detail, name="playbook_detail"),
    path("playbooks/<slug:slug>/versions/new/", views.playbook_version_new, name="playbook_version_new"),
    path("playbooks/<slug:slug>/v/<int:number>/edit/", views.playbook_edit, name="playbook_edit"),
    path("playbooks/<slug:slug>/v/<int:number>/submit/", views.playbook_submit, name="playbook_submit"),
    path("playbooks/<slug:slug>/v/<int:number>/approve/", views.playbook_approve, name="playbook_approve"),
    path("playbooks/<slug:slug>/v/<int:number>/return/", views.playbook_return, name="playbook_return"),
]
