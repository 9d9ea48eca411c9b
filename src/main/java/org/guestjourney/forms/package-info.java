/**
 * Camunda forms from {@code forms/} (form-js JSON): served to browsers as they are (staff task
 * forms, guest surveys) and applied again on the server to what is submitted.
 */
package org.guestjourney.forms;
