package io.recurportal.session;

/**
 * A new portal session and the one URL that opens it. The URL holds the only copy of
 * the token: hand it to the customer and forget it.
 *
 * @param session the session
 * @param url the link that opens it, once
 */
public record CreatedPortalSession(PortalSession session, String url) {

	@Override
	public String toString() {
		// Never the token: the URL is a credential until it is opened.
		return "CreatedPortalSession[session=" + this.session + ", url=" + PortalLinks.redact(this.url) + "]";
	}

}
