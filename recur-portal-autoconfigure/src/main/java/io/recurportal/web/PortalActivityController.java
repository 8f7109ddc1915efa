package io.recurportal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import io.recurportal.access.PortalAction;
import io.recurportal.access.PortalCaller;
import io.recurportal.access.PortalEndpoint;
import io.recurportal.activity.BillingActivity;

/**
 * The account's recent billing activity, for its owners.
 */
@Controller
@RequestMapping("${recur.portal.web.path:/portal}/activity")
public class PortalActivityController {

	private final BillingActivity activity;

	private final PortalPageContext context;

	PortalActivityController(BillingActivity activity, PortalPageContext context) {
		this.activity = activity;
		this.context = context;
	}

	@GetMapping
	@PortalEndpoint(PortalAction.VIEW_ACTIVITY)
	String activity(PortalCaller caller, HttpServletRequest request, HttpServletResponse response, Model model) {
		this.context.prepare(model, request, response, caller, PortalPagesController.session(), null);
		model.addAttribute("activity",
				this.activity.recent(caller.account().accountId(), BillingActivity.DEFAULT_LIMIT));
		return "recur-portal/activity";
	}

}
