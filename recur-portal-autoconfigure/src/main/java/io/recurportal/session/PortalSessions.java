package io.recurportal.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import io.recurportal.account.AccountCustomerLinks;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Customer;
import io.recurportal.billing.EmailAddresses;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.metrics.PortalMetrics;

/**
 * Creates portal sessions for customers, for a host's backend in-process or through the
 * server API, and opens them when their link is followed.
 */
public final class PortalSessions {

	/** The longest a link may stay valid: Dodo's 24-hour dynamic link. */
	public static final Duration MAX_LINK_LIFETIME = Duration.ofHours(24);

	/** How long a link stays valid unless asked otherwise. */
	public static final Duration DEFAULT_LINK_LIFETIME = Duration.ofHours(1);

	/** How long the browser session that opening a link starts lasts. */
	public static final Duration BROWSER_SESSION_LIFETIME = Duration.ofHours(1);

	/** The languages the portal speaks. */
	public static final Set<String> LOCALES = Set.of("en", "zh-TW", "zh-CN", "ja", "th");

	private final BillingGateway gateway;

	private final PortalSessionStore store;

	private final PortalConfigurations configurations;

	private final ReturnUrlPolicy returnUrls;

	private final PortalLinks links;

	private final String defaultConfigurationId;

	private final Clock clock;

	private PortalMetrics metrics = PortalMetrics.none();

	private @Nullable AccountCustomerLinks customerLinks;

	public PortalSessions(BillingGateway gateway, PortalSessionStore store, PortalConfigurations configurations,
			ReturnUrlPolicy returnUrls, PortalLinks links, String defaultConfigurationId, Clock clock) {
		Assert.notNull(gateway, "gateway must not be null");
		Assert.notNull(store, "store must not be null");
		Assert.notNull(configurations, "configurations must not be null");
		Assert.notNull(returnUrls, "returnUrls must not be null");
		Assert.notNull(links, "links must not be null");
		Assert.notNull(clock, "clock must not be null");
		configurations.get(defaultConfigurationId);
		this.gateway = gateway;
		this.store = store;
		this.configurations = configurations;
		this.returnUrls = returnUrls;
		this.links = links;
		this.defaultConfigurationId = defaultConfigurationId;
		this.clock = clock;
	}

	/**
	 * Creates a session for a customer.
	 * @param request who and how
	 * @return the session and the URL that opens it
	 * @throws PortalException {@code missing_customer_identifier}, {@code customer_not_found},
	 * {@code missing_return_url}, {@code return_url_not_allowed} or {@code invalid_request}
	 */
	public CreatedPortalSession create(PortalSessionRequest request) {
		return create(request, true);
	}

	/**
	 * Creates a session for a customer, optionally without any return URL: a customer
	 * who signs in by email came from no host page, so the portal may have nowhere to
	 * send them back to.
	 * @param request who and how
	 * @param requireReturnUrl whether a session without a return URL (given or the
	 * configuration's default) is refused
	 * @return the session and the URL that opens it
	 * @throws PortalException as {@link #create(PortalSessionRequest)}
	 */
	public CreatedPortalSession create(PortalSessionRequest request, boolean requireReturnUrl) {
		return create(request, requireReturnUrl, PortalTokens.generate());
	}

	/**
	 * Creates a session whose link is sent by email. Mail scanners fetch the links in
	 * emails before the customer sees them, so this link opens only from the page it
	 * leads to, when the customer presses its button (a POST); fetching it uses nothing
	 * up. No return URL is required: the customer came from no host page.
	 * @param request who and how
	 * @return the session and the URL that leads to its confirmation page
	 * @throws PortalException as {@link #create(PortalSessionRequest)}
	 * @see PortalTokens#needsConfirmation(String)
	 */
	public CreatedPortalSession createForEmail(PortalSessionRequest request) {
		return create(request, false, PortalTokens.generateForConfirmation());
	}

	private CreatedPortalSession create(PortalSessionRequest request, boolean requireReturnUrl, String token) {
		Customer customer = requireCustomer(request.customerId(), request.externalId(), request.email());
		String configurationId = StringUtils.hasText(request.configurationId()) ? request.configurationId()
				: this.defaultConfigurationId;
		PortalConfiguration configuration = this.configurations.find(configurationId)
			.orElseThrow(() -> new PortalException(PortalErrorCode.INVALID_REQUEST,
					"No portal configuration named '" + configurationId + "'."));
		String returnUrl = StringUtils.hasText(request.returnUrl()) ? this.returnUrls.check(request.returnUrl())
				: configuration.defaultReturnUrl();
		if (returnUrl == null && requireReturnUrl) {
			throw new PortalException(PortalErrorCode.MISSING_RETURN_URL, "A return URL is required.");
		}
		Duration lifetime = (request.expiresIn() != null) ? request.expiresIn() : DEFAULT_LINK_LIFETIME;
		if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LINK_LIFETIME) > 0) {
			throw new PortalException(PortalErrorCode.INVALID_REQUEST,
					"expiresIn must be between 1 and " + MAX_LINK_LIFETIME.toSeconds() + " seconds.");
		}
		Instant now = this.clock.instant();
		PortalSession session = new PortalSession(PortalTokens.id("portal_sess_"), customer.id(), customer.externalId(),
				configurationId, returnUrl, locale(request.locale()), request.owner(), now, now.plus(lifetime), null,
				null);
		this.store.create(session, PortalTokens.hash(token));
		return new CreatedPortalSession(session, this.links.sessionUrl(token));
	}

	/**
	 * A session by id, with its current status.
	 * @param id the session id
	 * @return the session, if it exists
	 */
	public Optional<PortalSession> find(String id) {
		return this.store.findById(id);
	}

	/**
	 * The current time, as sessions see it.
	 * @return now
	 */
	public Instant now() {
		return this.clock.instant();
	}

	/**
	 * Opens a session's link, once.
	 * @param token the link token
	 * @return the opened session and the browser token that now identifies it, or empty
	 * when the link is unknown, used or expired
	 */
	public Optional<OpenedPortalSession> open(String token) {
		if (!PortalTokens.isLinkToken(token)) {
			this.metrics.tokenRedemption("malformed");
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		String browserToken = PortalTokens.generate();
		Optional<OpenedPortalSession> opened = this.store
			.redeem(PortalTokens.hash(token), PortalTokens.hash(browserToken), now, now.plus(BROWSER_SESSION_LIFETIME))
			.map((session) -> new OpenedPortalSession(session, browserToken));
		this.metrics.tokenRedemption(opened.isPresent() ? "redeemed" : "refused");
		return opened;
	}

	/**
	 * Sets where opening links is recorded, as {@link PortalMetrics#TOKEN_REDEMPTIONS}.
	 * @param metrics the metrics
	 */
	public void setMetrics(PortalMetrics metrics) {
		Assert.notNull(metrics, "'metrics' must not be null");
		this.metrics = metrics;
	}

	/**
	 * Sets the accounts' links to their customers, so a customer named by external id is
	 * read by its linked id instead of searched for, and a customer found is linked.
	 * @param customerLinks the links, or {@code null} to always search
	 */
	public void setCustomerLinks(@Nullable AccountCustomerLinks customerLinks) {
		this.customerLinks = customerLinks;
	}

	/**
	 * The session behind a link that can no longer be opened, to tell the customer where
	 * to go back to.
	 * @param token the link token
	 * @return the session, if the token was ever issued
	 */
	public Optional<PortalSession> findByLinkToken(String token) {
		return PortalTokens.isLinkToken(token) ? this.store.findByTokenHash(PortalTokens.hash(token))
				: Optional.empty();
	}

	/**
	 * The live session of a browser.
	 * @param browserToken the browser token from the portal cookie
	 * @return the session, while its browser session lasts
	 */
	public Optional<PortalSession> findByBrowserToken(String browserToken) {
		return PortalTokens.isWellFormed(browserToken)
				? this.store.findByBrowserTokenHash(PortalTokens.hash(browserToken), this.clock.instant())
				: Optional.empty();
	}

	/**
	 * Ends a browser session.
	 * @param browserToken the browser token from the portal cookie
	 */
	public void end(String browserToken) {
		if (PortalTokens.isWellFormed(browserToken)) {
			this.store.endBrowserSession(PortalTokens.hash(browserToken));
		}
	}

	/**
	 * The customer a host names, by the first of customer id, external id and email given.
	 * @param customerId the provider's customer id
	 * @param externalId the host's account id
	 * @param email the billing email
	 * @return the customer
	 * @throws PortalException {@code missing_customer_identifier} when none is given,
	 * {@code customer_not_found} when no customer matches, {@code customer_mismatch} when
	 * a later identifier names another customer than the first
	 */
	public Customer requireCustomer(@Nullable String customerId, @Nullable String externalId,
			@Nullable String email) {
		Optional<Customer> customer;
		if (StringUtils.hasText(customerId)) {
			customer = this.gateway.findCustomer(customerId.trim());
		}
		else if (StringUtils.hasText(externalId)) {
			customer = findByExternalId(externalId.trim());
		}
		else if (StringUtils.hasText(email)) {
			customer = this.gateway.findCustomerByEmail(email.trim());
		}
		else {
			throw new PortalException(PortalErrorCode.MISSING_CUSTOMER_IDENTIFIER,
					"Give a customer id, an external id or an email.");
		}
		Customer found = customer.orElseThrow(
				() -> new PortalException(PortalErrorCode.CUSTOMER_NOT_FOUND, "No customer matches the request."));
		// The first identifier decides; a later one that contradicts what the customer has
		// means the host mixed up two customers, and picking either would be a guess.
		boolean byCustomerId = StringUtils.hasText(customerId);
		if (byCustomerId && StringUtils.hasText(externalId) && found.externalId() != null
				&& !found.externalId().equals(externalId.trim())) {
			throw mismatch();
		}
		if ((byCustomerId || StringUtils.hasText(externalId)) && StringUtils.hasText(email) && found.email() != null
				&& !EmailAddresses.normalize(found.email()).equals(EmailAddresses.normalize(email.trim()))) {
			throw mismatch();
		}
		return found;
	}

	private static PortalException mismatch() {
		return new PortalException(PortalErrorCode.CUSTOMER_MISMATCH,
				"The identifiers given name different customers.");
	}

	// The provider's search lags writes; it runs only for an account with no link yet.
	private Optional<Customer> findByExternalId(String externalId) {
		AccountCustomerLinks customerLinks = this.customerLinks;
		if (customerLinks == null) {
			return this.gateway.findCustomerByExternalId(externalId);
		}
		Optional<String> linked = customerLinks.find(externalId);
		if (linked.isPresent()) {
			return this.gateway.findCustomer(linked.get());
		}
		Optional<Customer> found = this.gateway.findCustomerByExternalId(externalId);
		return found.flatMap((customer) -> {
			String winner = customerLinks.link(externalId, customer.id());
			return winner.equals(customer.id()) ? found : this.gateway.findCustomer(winner);
		});
	}

	private static @Nullable String locale(@Nullable String requested) {
		return StringUtils.hasText(requested) ? supportedLocale(requested).orElse(null) : null;
	}

	/**
	 * The portal language closest to a language tag: Chinese by script or region
	 * (Traditional for Hant, TW, HK and MO), any other by its language alone.
	 * @param tag a tag like {@code ja-JP}, {@code zh-Hant} or {@code zh_TW}
	 * @return one of {@link #LOCALES}, or empty when the portal does not speak it
	 */
	public static Optional<String> supportedLocale(String tag) {
		Locale locale = Locale.forLanguageTag(tag.trim().replace('_', '-'));
		String language = locale.getLanguage();
		if ("zh".equals(language)) {
			String lower = tag.trim().toLowerCase(Locale.ROOT).replace('_', '-');
			boolean traditional = "Hant".equals(locale.getScript()) || lower.endsWith("-tw") || lower.endsWith("-hk")
					|| lower.endsWith("-mo");
			return Optional.of(traditional ? "zh-TW" : "zh-CN");
		}
		return LOCALES.contains(language) ? Optional.of(language) : Optional.empty();
	}

	/**
	 * A session whose link was just opened.
	 *
	 * @param session the session
	 * @param browserToken the token for the browser's portal cookie
	 */
	public record OpenedPortalSession(PortalSession session, String browserToken) {

	}

}
