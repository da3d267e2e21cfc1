from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.activation import AccessError, CodeStatus, Slip, do_activate, do_issue_codes, do_reset_access
from accounts.form_seeds import new_seed, seed_is_known
from accounts.forms import ActivationForm, IssueForm, SlipSeedForm, code_error
from accounts.models import User
from accounts.permissions import access_member, access_org, may_issue_access, orgs_visible
from accounts.queries import AccountState, account_groups
from accounts.slips import activation_url, pdf_response, slip_pages
from orgs.models import OrgKind


@never_cache
def activate(request: HttpRequest) -> HttpResponse:
    """First log-in: the member types the code from their slip (or scans it) and chooses a password."""
    initial = {"username": request.GET.get("u", ""), "code": request.GET.get("c", "")}
    form = ActivationForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            assert form.user is not None and form.activation_code is not None
            try:
                do_activate(form.user, form.activation_code, form.cleaned_data["new_password1"])
            except AccessError as error:
                form.add_error(None, code_error(str(error)))
            else:
                login(request, form.user, backend="accounts.backends.UsernameOrPhoneBackend")
                messages.success(request, _("Your account is active. Welcome!"))
                return redirect("home:home")
        elif form.code_status == CodeStatus.USED and request.user.is_authenticated and request.user == form.user:
            # The same form sent twice: the first one activated the account and logged the member in.
            messages.info(request, _("Your account is already active."))
            return redirect("home:home")
    return render(request, "accounts/activate.html", {"form": form})


def _slips_response(
    request: HttpRequest,
    slips: list[Slip],
    *,
    title: str,
    back_url: str,
    again_fields: list[tuple[str, Any]],
    as_pdf: bool,
    filename: str,
) -> HttpResponse:
    """The printable slips. The plain codes are in this response only; it must not be cached."""
    context = {
        "title": title,
        "pages": slip_pages(request, slips),
        "activation_url": activation_url(request),
        "back_url": back_url,
        "again_url": request.path,
        "again_fields": again_fields,
        "count": sum(1 for slip in slips if slip.code),
        "stale": [slip for slip in slips if not slip.code],
    }
    if as_pdf:
        return pdf_response(request, context, filename)
    response = render(request, "accounts/slips.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def issue(request: HttpRequest, org_id: int) -> HttpResponse:
    """Choose members of an organization and print their activation slips."""
    org = access_org(request.user, org_id, "org.manage_members")
    if org.kind == OrgKind.PROVINCE:
        # A whole province is too many slips for one page: pick a commune first.
        children = orgs_visible(request.user, "org.manage_members").filter(parent=org, dissolved_on__isnull=True)
        return render(request, "accounts/issue.html", {"org": org, "children": children.order_by("name")})
    groups = account_groups(request.user, org)
    chosen: set[int] = set()
    errors: list[str] = []
    if request.method == "POST":
        form = IssueForm(request.POST, groups=groups)
        if form.is_valid():
            seed = form.cleaned_data["seed"]
            chosen = {m.pk for m in form.chosen_members()}
            if not seed_is_known(request, seed):
                errors.append(_("This list was opened too long ago. Check the chosen members and print again."))
            else:
                try:
                    slips = do_issue_codes(request.user, form.chosen_members(), seed=seed)
                except AccessError as error:
                    errors.append(_("These accounts are disabled: %(names)s.") % {"names": error})
                else:
                    return _slips_response(
                        request,
                        slips,
                        title=org.name,
                        back_url=reverse("accounts:issue", args=[org.pk]),
                        again_fields=[("seed", seed)] + [("members", pk) for pk in sorted(chosen)],
                        as_pdf=form.cleaned_data["as_pdf"],
                        filename=f"phieu-kich-hoat-{slugify(org.code) or org.pk}.pdf",
                    )
        else:
            errors.extend(str(error) for error in form.errors.get("members", []))
            chosen = {int(v) for v in request.POST.getlist("members") if v.isdigit()} & set(form.rows)
    elif request.GET.get("select") == "without_account":
        chosen = {row.member.pk for g in groups for row in g.rows if row.selectable and not row.has_active_account}
    context = {
        "org": org,
        "groups": groups,
        "chosen": chosen,
        "errors": errors,
        "seed": new_seed(request),
        "total": sum(len(g.rows) for g in groups),
        "active_count": sum(1 for g in groups for row in g.rows if row.state == AccountState.ACTIVE),
        "States": AccountState,
    }
    return render(request, "accounts/issue.html", context)


@login_required
@require_POST
def reset(request: HttpRequest, member_id: int) -> HttpResponse:
    """Reset a member's access: the old password stops working and one new slip is printed.

    The button on the member's page opens a confirmation; the confirmation prints the slip.
    """
    member = access_member(request.user, member_id, "member.manage")
    account = User.objects.filter(member=member).first()
    if not may_issue_access(request.user, member, account):
        raise PermissionDenied
    problem = ""
    if not member.is_active:
        problem = _("%(name)s is no longer an active member, so their access cannot be reset.") % {
            "name": member.full_name
        }
    elif account is not None and not account.is_active:
        problem = _("This account is disabled. Ask the commune office to enable it first.")
    form = SlipSeedForm(request.POST)
    if not problem and form.is_valid():
        seed = form.cleaned_data["seed"]
        if seed_is_known(request, seed):
            slip = do_reset_access(request.user, member, seed=seed)
            return _slips_response(
                request,
                [slip],
                title=member.full_name,
                back_url=reverse("members:detail", args=[member.pk]),
                again_fields=[("seed", seed)],
                as_pdf=form.cleaned_data["as_pdf"],
                filename=f"phieu-kich-hoat-{slip.username}.pdf",
            )
        messages.error(request, _("This confirmation was opened too long ago. Confirm again."))
    context = {"member": member, "account": account, "problem": problem, "seed": new_seed(request)}
    return render(request, "accounts/reset_confirm.html", context)
