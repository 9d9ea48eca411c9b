/** The guest's own page for their e-mail preferences, and one-click unsubscribe (RFC 8058). */
package org.guestjourney.messaging.preferences;
