package io.recurportal.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.recurportal.access.PortalAction;
import io.recurportal.access.PortalCaller;
import io.recurportal.access.PortalEndpoint;
import io.recurportal.activity.ActivityEntry;
import io.recurportal.activity.BillingActivity;

/**
 * The account's recent billing activity, for its owners.
 */
@RestController
@RequestMapping("${recur.portal.api.path:/api/subscriptions}")
public class ActivityController {

	private final BillingActivity activity;

	public ActivityController(BillingActivity activity) {
		this.activity = activity;
	}

	@GetMapping("/activity")
	@PortalEndpoint(PortalAction.VIEW_ACTIVITY)
	Map<String, List<Activity>> list(PortalCaller caller,
			@RequestParam(defaultValue = "" + BillingActivity.DEFAULT_LIMIT) @Min(1) @Max(BillingActivity.MAX_LIMIT) int limit) {
		return Map.of("data",
				this.activity.recent(caller.account().accountId(), limit).stream().map(Activity::of).toList());
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Activity(Instant at, @Nullable String actor, String actorType, String action, @Nullable String target,
			String result, String outcome, @Nullable String reason, @Nullable String comment) {

		static Activity of(ActivityEntry entry) {
			return new Activity(entry.at(), entry.actor(), entry.viaPortalLink() ? "portal_link" : "user",
					entry.action(), entry.target(), entry.result(), entry.outcome().value(), entry.reason(),
					entry.comment());
		}

	}

}
