from django.contrib import admin
from django.urls import include, path

from scrutineer.api.views import api
from scrutineer.plans import views as plan_views

urlpatterns = [
    path("", plan_views.home, name="home"),
    path("", include("scrutineer.core.urls")),
    path("plans/", include("scrutineer.plans.urls")),
    path("performance/", include("scrutineer.indicators.urls")),
    path("contracts/", include("scrutineer.contracts.urls")),
    path("finance/", include("scrutineer.finance.urls")),
    path("reports/", include("scrutineer.reports.urls")),
    path("committees/", include("scrutineer.committees.urls")),
    path("disclosure/", include("scrutineer.disclosure.urls")),
    path("accounts/", include("scrutineer.accounts.urls")),
    path("updates/", include("scrutineer.plans.cycle_urls")),
    path("imports/", include("scrutineer.importers.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
