package org.guestjourney.runtime;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a refused engine directory as "APPLICATION FAILED TO START", with what to do. */
class EngineDirectoryFailureAnalyzer extends AbstractFailureAnalyzer<EngineDirectoryRefused> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, EngineDirectoryRefused cause) {
    return new FailureAnalysis(cause.description(), cause.action(), cause);
  }
}
