from django.urls import path

from .views import desk, linking, notices, spokesperson

app_name = "incidents"
urlpatterns = [
    path("", desk.incident_list, name="list"),
    path("new/", desk.incident_create, name="create"),
    path("<int:pk>/", desk.incident_detail, name="detail"),
    path("<int:pk>/edit/", desk.incident_edit, name="edit"),
    path("<int:pk>/update/", desk.update_send, name="update"),
    path("<int:pk>/updates/<int:update_pk>/progress/", desk.update_progress, name="update_progress"),
    path("<int:pk>/updates/<int:update_pk>/resume/", desk.update_resume, name="update_resume"),
    path("<int:pk>/gesture/", desk.gesture_grant, name="gesture"),
    path("<int:pk>/gestures/<int:gesture_pk>/", desk.gesture_detail, name="gesture_detail"),
    path("<int:pk>/link/", linking.link_preview, name="link_preview"),
    path("<int:pk>/link/all/", linking.link_search, name="link_search"),
    path("<int:pk>/notice/", notices.notice_page, name="notice"),
    path("<int:pk>/notice/draft/", notices.notice_draft, name="notice_draft"),
    path("<int:pk>/notice/<int:version_pk>/approve/", notices.notice_approve, name="notice_approve"),
    path("<int:pk>/notice/<int:version_pk>/reject/", notices.notice_reject, name="notice_reject"),
    path("<int:pk>/notice/withdraw/", notices.notice_withdraw, name="notice_withdraw"),
    path("suspected/<int:pk>/open/", linking.suspected_open, name="suspected_open"),
    path("suspected/<int:pk>/dismiss/", linking.suspected_dismiss, name="suspected_dismiss"),
    path("c/<str:reference>/link/", linking.complaint_link, name="complaint_link"),
    path("c/<str:reference>/links/<int:pk>/confirm/", linking.link_confirm, name="link_confirm"),
    path("c/<str:reference>/links/<int:pk>/dismiss/", linking.link_dismiss, name="link_dismiss"),
    path("c/<str:reference>/links/<int:pk>/unlink/", linking.link_remove, name="link_remove"),
    path("spokesperson/", spokesperson.queue, name="queue"),
    path("statements/", spokesperson.statements, name="statements"),
    path("statements/draft/", spokesperson.statement_draft, name="statement_draft"),
    path("statements/<int:pk>/decide/", spokesperson.statement_decide, name="statement_decide"),
]
