/**
 * What the REST API and the pages share: problem details ({@code application/problem+json}) for
 * every error, naming each field at fault, and the validation helper that collects them.
 */
package org.guestjourney.web;
