/**
 * The journey models as the engine runs them: deploying BPMN and DMN resources, remembering the XML
 * of every deployed process version, and reading it — a step's headers, the timer before it, the
 * errors the model catches — and evaluating its FEEL expressions the way the engine does. This is
 * how the app follows the model instead of keeping a plan of its own.
 */
package org.guestjourney.modeler;
