package org.guestjourney.runtime;

import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientConfiguration;
import io.camunda.client.impl.CamundaClientImpl;
import io.camunda.client.impl.util.ExecutorResource;
import io.camunda.zeebe.process.test.engine.FileLogStorage;
import io.camunda.zeebe.process.test.engine.RocksDbEngineFactory;
import io.camunda.zeebe.process.test.engine.RocksDbEngineFactory.RocksDbEngine;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The embedded default engine: the real Zeebe engine running in this JVM with a gRPC gateway on
 * localhost. The app's Camunda client reaches the same gateway inside the JVM (ADR 0081); other
 * clients (Camunda Modeler, zbctl) use the port. Its state is kept in RocksDB (zeebe-db, as in a
 * Zeebe broker) under {@code guest-journey.runtime.engine.directory}. With {@code
 * guest-journey.runtime.engine.durable} on, its log is kept on disk beside the state and the engine
 * continues after a restart (even {@code kill -9}) where it was (ADR 0021; the default since ADR
 * 0022); otherwise (tests on a throwaway directory) the log is in memory and the engine starts
 * empty at every start. Nothing is rebuilt from PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = EmbeddedRuntimeEnvironment.EMBEDDED_ENGINE, havingValue = "true")
class EmbeddedEngineConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedEngineConfiguration.class);

  /**
   * Settings of the embedded engine.
   *
   * @param directory where the engine keeps its RocksDB state (and, when durable, its log); one
   *     running app per directory (a lock file says so)
   * @param memoryLimit RocksDB's block cache and write buffers together, outside the Java heap
   * @param durable keep the engine's log on disk and its state across restarts (ADR 0021, the
   *     default since ADR 0022); off (for tests on a throwaway directory only): the log is in
   *     memory and the engine forgets every process when the app stops
   * @param segmentSize size at which the durable log starts a new segment file; compaction deletes
   *     whole segments
   * @param compactionInterval how often the durable log's segments that the state no longer needs
   *     are deleted
   * @param inProcessClient the app's Camunda client calls the engine's gateway inside the JVM (ADR
   *     0081); off: over loopback TCP like any other client
   * @param promptTimers due timers fire within about 0.1 s (ADR 0082); off: as Zeebe schedules
   *     them, up to 1.6 s late
   */
  @ConfigurationProperties("guest-journey.runtime.engine")
  record EmbeddedEngineProperties(
      @DefaultValue(".data/engine") Path directory,
      @DefaultValue("64MB") DataSize memoryLimit,
      @DefaultValue("true") boolean durable,
      @DefaultValue("64MB") DataSize segmentSize,
      @DefaultValue("5m") Duration compactionInterval,
      @DefaultValue("true") boolean inProcessClient,
      @DefaultValue("true") boolean promptTimers) {}

  /**
   * The engine's directory, claimed for this run and tied to this database (ADR 0083): a directory
   * that ran with another database stops the start with the reason.
   */
  @Bean(destroyMethod = "close")
  @DependsOnDatabaseInitialization
  EngineDirectory engineDirectory(EmbeddedEngineProperties properties, JdbcTemplate jdbc)
      throws IOException {
    EngineDirectory directory = EngineDirectory.claim(properties.directory());
    try {
      directory.tieTo(jdbc.queryForObject("select id from installation", UUID.class));
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
    return directory;
  }

  @Bean
  EmbeddedEngineStart embeddedEngineStart(
      EngineDirectory directory, EmbeddedEngineProperties properties) {
    return new EmbeddedEngineStart(!properties.durable() || !directory.hadLog());
  }

  @Bean(destroyMethod = "stop")
  RocksDbEngine embeddedZeebeEngine(
      @Value("${" + EmbeddedRuntimeEnvironment.ENGINE_PORT + "}") int port,
      EngineDirectory directory,
      EmbeddedEngineProperties properties)
      throws IOException {
    Path state = directory.stateFor(properties.durable());
    FileLogStorage durableLog =
        properties.durable()
            ? FileLogStorage.open(directory.log(), properties.segmentSize().toBytes())
            : null;
    RocksDbEngine engine =
        RocksDbEngineFactory.create(
            port,
            state.toFile(),
            properties.memoryLimit().toBytes(),
            durableLog,
            properties.promptTimers());
    engine.start();
    if (durableLog != null) {
      handBackJobsOfAnEarlierRun(engine);
    }
    if (durableLog != null) {
      log.info(
          "Embedded Zeebe engine continues from its log in {} (positions {} to {}, {} bytes) and"
              + " its RocksDB state in {}; gRPC gateway at {}",
          directory.log(),
          durableLog.firstPosition(),
          durableLog.lastPosition(),
          durableLog.sizeOnDisk(),
          state,
          engine.getGatewayAddress());
    } else {
      log.info(
          "Embedded Zeebe engine started with RocksDB state in {} and its log in memory; gRPC"
              + " gateway at {}",
          state,
          engine.getGatewayAddress());
    }
    return engine;
  }

  /**
   * Jobs the previous run had taken and not finished (it was killed, or stopped mid-send) go back
   * to the workers at once, not when their time-outs end: 3 minutes for a send, 30 days for a staff
   * task the previous run may have taken but not recorded. Staff tasks it had recorded come back to
   * the task worker too, which finds them recorded and changes nothing. Before any job worker of
   * this run opens (the client depends on this bean). ADR 0084.
   */
  private static void handBackJobsOfAnEarlierRun(RocksDbEngine engine) {
    try {
      int handedBack = engine.handBackJobsOfAnEarlierRun(Duration.ofMinutes(5));
      if (handedBack > 0) {
        log.info(
            "Handed {} job(s) the previous run had taken back to the engine: they go to this run's"
                + " workers now, not when their time-outs end",
            handedBack);
      }
    } catch (TimeoutException e) {
      log.warn(
          "Jobs the previous run had taken were not handed back ({}): they come back when their"
              + " time-outs end (3 minutes for a send, 30 days for a staff task)",
          e.getMessage());
    }
  }

  /**
   * The app's Camunda client, built as the Camunda starter builds it (same configuration,
   * interceptors and job-worker executor) but on a channel to the gateway inside this JVM: its
   * calls skip the socket, HTTP/2 framing and serializing the messages, which took about a sixth of
   * the app's CPU while journeys were set up (ADR 0081). The starter makes its own client when this
   * one is off; when on, the starter's client (whose bean cannot be replaced) is still made but
   * never used, since this one is the primary: a gRPC channel connects on its first call only.
   */
  @Bean(destroyMethod = "close")
  @Primary
  @ConditionalOnProperty(
      name = "guest-journey.runtime.engine.in-process-client",
      havingValue = "true",
      matchIfMissing = true)
  CamundaClient inProcessCamundaClient(
      CamundaClientConfiguration configuration, RocksDbEngine engine) {
    ManagedChannel channel = engine.newInProcessChannel();
    return new CamundaClientImpl(
        configuration,
        channel,
        CamundaClientImpl.buildGatewayStub(channel, configuration),
        new ExecutorResource(
            configuration.jobWorkerExecutor(), configuration.ownsJobWorkerExecutor()));
  }

  @Bean(destroyMethod = "close")
  EngineLogCompaction engineLogCompaction(
      RocksDbEngine engine, EngineDirectory directory, EmbeddedEngineProperties properties) {
    return EngineLogCompaction.start(engine, directory.scratch(), properties.compactionInterval());
  }

  @Bean
  EmbeddedEngineHealth embeddedEngineHealthIndicator(RocksDbEngine engine) {
    return new EmbeddedEngineHealth(engine);
  }
}
