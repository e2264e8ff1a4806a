"""Sign-in, the home page of each role, and the role switcher."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .home import home_context
from .roles import ACTIVE_ROLE_SESSION_KEY, active_role, roles_of


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    redirect_authenticated_user = True


@login_required
def home(request):
    return render(request, "core/home.html", home_context(request.user, active_role(request)))


@login_required
@require_POST
def switch_role(request):
    role = request.POST.get("role", "")
    if role not in roles_of(request.user):
        return HttpResponseBadRequest("role: you do not hold this role")
    request.session[ACTIVE_ROLE_SESSION_KEY] = role
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = "home"
    return redirect(target)
