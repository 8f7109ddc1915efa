/*
 * <recur-portal api-endpoint="/api/portal/create">Manage subscription</recur-portal>
 *
 * A button that asks the host's endpoint for a portal session (POST, JSON answer with a
 * `url`) and follows it. Optional attributes: return-url (sent as {"return_url": ...}),
 * token-storage ("sessionStorage:key" or "localStorage:key": sent as a bearer token),
 * loading-text, error-text (shown when the endpoint gives no reason of its own). Shows the
 * endpoint's problem detail and code when it fails; fires `recur-portal:error`.
 */
(function () {
    'use strict';
    if (window.customElements === undefined || window.customElements.get('recur-portal')) {
        return;
    }

    function storedToken(source) {
        if (!source) {
            return null;
        }
        var parts = source.split(':');
        var store = parts[0] === 'localStorage' ? window.localStorage : window.sessionStorage;
        return parts.length > 1 ? store.getItem(parts.slice(1).join(':')) : null;
    }

    class RecurPortalElement extends HTMLElement {
        connectedCallback() {
            if (this._button) {
                return;
            }
            this._label = this.textContent.trim() || 'Manage subscription';
            this.textContent = '';
            this._button = document.createElement('button');
            this._button.type = 'button';
            this._button.part = 'button';
            this._button.textContent = this._label;
            this._message = document.createElement('span');
            this._message.setAttribute('role', 'alert');
            this._message.part = 'error';
            // CSSOM, not a style attribute: allowed under a CSP without 'unsafe-inline'.
            this._message.style.marginInlineStart = '0.5em';
            this._button.addEventListener('click', () => this.open());
            this.append(this._button, this._message);
        }

        async open() {
            var endpoint = this.getAttribute('api-endpoint');
            if (!endpoint) {
                this.fail(new Error('recur-portal: the api-endpoint attribute is required'));
                return;
            }
            this._button.disabled = true;
            this._button.setAttribute('aria-busy', 'true');
            this._button.textContent = this.getAttribute('loading-text') || 'Loading…';
            this._message.textContent = '';
            try {
                var headers = { 'Accept': 'application/json', 'Content-Type': 'application/json' };
                var token = storedToken(this.getAttribute('token-storage'));
                if (token) {
                    headers['Authorization'] = 'Bearer ' + token;
                }
                var returnUrl = this.getAttribute('return-url');
                var response = await fetch(endpoint, {
                    method: 'POST',
                    credentials: 'same-origin',
                    headers: headers,
                    body: JSON.stringify(returnUrl ? { return_url: returnUrl } : {})
                });
                var body = await response.json().catch(function () { return {}; });
                if (!response.ok || !body.url) {
                    // Problem details ({detail, code}) or Recur's envelope ({error: {message, code}}).
                    var problem = (body.error && typeof body.error === 'object') ? body.error : body;
                    var failure = new Error(problem.detail || problem.message || ('HTTP ' + response.status));
                    failure.code = problem.code || null;
                    failure.status = response.status;
                    failure.fromServer = Boolean(problem.detail || problem.message);
                    throw failure;
                }
                window.location.assign(body.url);
            }
            catch (error) {
                this.fail(error);
            }
        }

        fail(error) {
            this._button.disabled = false;
            this._button.removeAttribute('aria-busy');
            this._button.textContent = this._label;
            var fallback = this.getAttribute('error-text') || 'Could not open billing. Please try again.';
            var text = error.fromServer ? error.message : fallback;
            this._message.textContent = error.code ? text + ' (' + error.code + ')' : text;
            this.dispatchEvent(new CustomEvent('recur-portal:error', { detail: error, bubbles: true }));
        }
    }

    window.customElements.define('recur-portal', RecurPortalElement);
})();
