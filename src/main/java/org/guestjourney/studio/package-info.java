/**
 * The studio: pages where a manager edits journeys in a Camunda 8 modeler (bpmn-js with the zeebe
 * properties panel and our element templates), keeps drafts in PostgreSQL, checks them with our own
 * rules before deploying, and deploys them through {@code modeler.JourneyModels} with who, when and
 * why recorded.
 */
package org.guestjourney.studio;
