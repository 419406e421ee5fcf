from django.urls import path

from baspa.search import views

urlpatterns = [
    path("", views.search_page, name="search"),
    path("json/", views.search_json, name="search_json"),
    path("autocomplete/", views.search_autocomplete, name="search_autocomplete"),
]
