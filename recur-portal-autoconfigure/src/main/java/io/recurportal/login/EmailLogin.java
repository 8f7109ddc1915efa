package io.recurportal.login;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Customer;
import io.recurportal.billing.EmailAddresses;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.session.CreatedPortalSession;
import io.recurportal.session.PortalSessionRequest;
import io.recurportal.session.PortalSessions;

/**
 * Signing in by email. A request is rate limited at once, per client address and per
 * email; everything that depends on whether the email belongs to a customer (the lookup,
 * the session, the email) runs later on an executor, so the answer to the browser is the
 * same, and as fast, for known and unknown emails: nobody can learn who is a customer.
 */
public final class EmailLogin implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(EmailLogin.class);

	private final BillingGateway gateway;

	private final PortalSessions sessions;

	private final LoginRateLimiter limiter;

	private final LoginLinkSender sender;

	private final Executor executor;

	private final Limits limits;

	private final String defaultConfigurationId;

	private final Clock clock;

	/**
	 * Creates the service.
	 * @param gateway where customers are looked up by email
	 * @param sessions where login sessions are created
	 * @param limiter the rate limits
	 * @param sender how links are delivered
	 * @param executor where lookups and deliveries run, off the request; shut down on
	 * {@link #close()} when it is an {@link ExecutorService}
	 * @param limits link lifetime and rate limits
	 * @param defaultConfigurationId the configuration a login link opens unless the
	 * page names one
	 * @param clock the clock for rate-limit windows
	 */
	public EmailLogin(BillingGateway gateway, PortalSessions sessions, LoginRateLimiter limiter,
			LoginLinkSender sender, Executor executor, Limits limits, String defaultConfigurationId, Clock clock) {
		Assert.isTrue(!limits.linkTtl().isNegative() && !limits.linkTtl().isZero()
				&& limits.linkTtl().compareTo(PortalSessions.MAX_LINK_LIFETIME) <= 0,
				"recur.portal.login.link-ttl must be positive and at most 24 hours");
		this.gateway = gateway;
		this.sessions = sessions;
		this.limiter = limiter;
		this.sender = sender;
		this.executor = executor;
		this.limits = limits;
		this.defaultConfigurationId = defaultConfigurationId;
		this.clock = clock;
	}

	/**
	 * The configuration a login link opens unless the page names one.
	 * @return its id
	 */
	public String defaultConfigurationId() {
		return this.defaultConfigurationId;
	}

	/**
	 * How long a login link may be opened.
	 * @return the lifetime
	 */
	public Duration linkTtl() {
		return this.limits.linkTtl();
	}

	/**
	 * Asks for a login link.
	 * @param email the email the customer entered
	 * @param configuration the portal configuration the link opens
	 * @param locale the language of the page, and so of the email
	 * @param clientAddress the client's address, for its rate limit
	 * @return whether the request was accepted; when it was, a link is on its way if the
	 * email belongs to a customer
	 */
	public Outcome request(String email, PortalConfiguration configuration, Locale locale, String clientAddress) {
		// One normal form for the limit and the lookup: every spelling a lookup matches counts here.
		String normalized = EmailAddresses.normalize(email);
		if (!this.limiter.tryAcquire("address:" + clientAddress, this.limits.maxPerAddress(), this.limits.window(),
				this.clock.instant())
				|| !this.limiter.tryAcquire("email:" + normalized,
						this.limits.maxPerEmail(), this.limits.window(), this.clock.instant())) {
			return Outcome.RATE_LIMITED;
		}
		try {
			this.executor.execute(() -> deliver(normalized, configuration, locale));
		}
		catch (RejectedExecutionException ex) {
			logger.warn("recur-portal: too many login requests at once; one was dropped");
		}
		return Outcome.ACCEPTED;
	}

	private void deliver(String email, PortalConfiguration configuration, Locale locale) {
		try {
			Optional<Customer> customer = this.gateway.findCustomerByEmail(email);
			if (customer.isEmpty()) {
				return;
			}
			CreatedPortalSession created = this.sessions.createForEmail(new PortalSessionRequest(customer.get().id(),
					null, null, null, configuration.id(), locale.toLanguageTag(), this.limits.linkTtl(), true));
			String url = created.url();
			if (url.startsWith("/")) {
				// The origin is configuration's alone (never the request's Host): without one, no link.
				logger.warn("recur-portal: a login link was not sent: set recur.portal.base-url");
				return;
			}
			String to = (customer.get().email() != null) ? customer.get().email() : email;
			this.sender.send(new LoginLink(to, url, locale, configuration.branding(), this.limits.linkTtl()));
		}
		catch (PortalException ex) {
			if (ex.getErrorCode() == PortalErrorCode.CUSTOMER_AMBIGUOUS) {
				// No customer is picked for a shared email; the page answered as always. The
				// email stays out of the log: it is personal data and says who is a customer.
				logger.warn("recur-portal: a login email matches several customers, so no link was sent; "
						+ "give each customer its own billing email");
				return;
			}
			logger.warn("recur-portal: a login link could not be sent: " + ex.getErrorCode().code());
			logger.debug("Login link failure", ex);
		}
		catch (RuntimeException ex) {
			logger.warn("recur-portal: a login link could not be sent: " + ex.getClass().getName());
			logger.debug("Login link failure", ex);
		}
	}

	/**
	 * Stops taking work; links being sent are still sent.
	 */
	@Override
	public void close() {
		if (this.executor instanceof ExecutorService service) {
			service.shutdown();
		}
	}

	/**
	 * What became of a login request.
	 */
	public enum Outcome {

		/** Accepted: a link is on its way if the email belongs to a customer. */
		ACCEPTED,

		/** Refused: the email or the client address asked too often. */
		RATE_LIMITED

	}

	/**
	 * How long links last and how often they may be asked for.
	 *
	 * @param linkTtl how long a login link may be opened
	 * @param maxPerEmail requests per email per window
	 * @param maxPerAddress requests per client address per window
	 * @param window the length of a rate-limit window
	 */
	public record Limits(Duration linkTtl, int maxPerEmail, int maxPerAddress, Duration window) {

	}

}
