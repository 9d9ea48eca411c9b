package io.camunda.zeebe.process.test.engine;

import io.camunda.search.clients.SearchClientsProxy;
import io.camunda.security.auth.BrokerRequestAuthorizationConverter;
import io.camunda.security.configuration.SecurityConfiguration;
import io.camunda.zeebe.db.AccessMetricsConfiguration;
import io.camunda.zeebe.db.ConsistencyChecksSettings;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.impl.rocksdb.RocksDbConfiguration;
import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory;
import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory.SharedRocksDbResources;
import io.camunda.zeebe.engine.Engine;
import io.camunda.zeebe.engine.EngineConfiguration;
import io.camunda.zeebe.engine.processing.EngineProcessors;
import io.camunda.zeebe.engine.processing.message.command.SubscriptionCommandSender;
import io.camunda.zeebe.engine.state.immutable.JobState;
import io.camunda.zeebe.engine.state.instance.DbJobState;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.value.job.JobRecord;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.scheduler.ActorMetrics;
import io.camunda.zeebe.scheduler.ActorScheduler;
import io.camunda.zeebe.scheduler.ActorThread;
import io.camunda.zeebe.scheduler.ActorThreadGroup;
import io.camunda.zeebe.scheduler.ActorTimerQueue;
import io.camunda.zeebe.scheduler.TaskScheduler;
import io.camunda.zeebe.scheduler.clock.ActorClock;
import io.camunda.zeebe.scheduler.clock.ControlledActorClock;
import io.camunda.zeebe.stream.impl.ControllableStreamClockImpl;
import io.camunda.zeebe.stream.impl.StreamProcessor;
import io.camunda.zeebe.util.FeatureFlags;
import io.camunda.zeebe.util.buffer.BufferWriter;
import io.camunda.zeebe.util.health.HealthReport;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The composition of zeebe-process-test's {@link EngineFactory} (same engine processors, gRPC
 * gateway, job streamer, controlled clock and record stream), with one difference: the engine's
 * state lives in zeebe-db's RocksDB store, as in a Zeebe broker, instead of zeebe-process-test's
 * in-memory map (whose iterators copy the whole state on every lookup, so each step costs more the
 * more process instances are alive).
 *
 * <p>It lives in zeebe-process-test's package only because the gateway, command writer and job
 * streamer it reuses are package-private there; nothing else of the application belongs here. The
 * application reaches it only through {@code org.guestjourney.runtime}. Pinned to
 * zeebe-process-test 8.8.x: re-check this composition against {@link EngineFactory} on every
 * upgrade.
 */
public final class RocksDbEngineFactory {

  private static final int PARTITION_ID = 1;
  private static final int PARTITION_COUNT = 1;

  /**
   * How often the stream processor wakes for its job time-out check (Zeebe's default: 1 s). The
   * engine's check for due timers ran only when the stream processor woke for some other reason, so
   * a due message waited for this check (measured: 0.2–1.4 s late with 1 s, 45–130 ms with 100 ms;
   * ADR 0082). Checking job time-outs is a seek in the deadline index; an idle engine's CPU goes
   * from about 12 to 22 ms a second.
   */
  static final Duration STREAM_PROCESSOR_WAKE = Duration.ofMillis(100);

  private RocksDbEngineFactory() {}

  /**
   * Builds (not yet started) an engine whose gRPC gateway listens on {@code port} and whose state
   * is a RocksDB database in {@code stateDirectory} (which must be empty or absent: the log is in
   * memory, so state without its log would not make sense).
   *
   * @param memoryLimitBytes RocksDB's block cache and write buffers together (off-heap)
   */
  public static RocksDbEngine create(int port, File stateDirectory, long memoryLimitBytes) {
    return create(port, stateDirectory, memoryLimitBytes, null);
  }

  /**
   * Builds (not yet started) an engine whose gRPC gateway listens on {@code port}, whose state is a
   * RocksDB database in {@code stateDirectory} and whose log is {@code durableLog} (on disk), or in
   * memory when that is null.
   *
   * <p>With a durable log, RocksDB's write-ahead log is on: every state transaction the stream
   * processor commits (with the last processed position in it) survives the process being killed,
   * and since the log is forced to disk before the stream processor commits its state, the state
   * never runs ahead of the log. At start the stream processor replays the log after the position
   * its state records, so the engine continues where it was. Without one, {@code stateDirectory}
   * must be empty or absent.
   */
  public static RocksDbEngine create(
      int port, File stateDirectory, long memoryLimitBytes, FileLogStorage durableLog) {
    return create(port, stateDirectory, memoryLimitBytes, durableLog, true);
  }

  /**
   * As {@link #create(int, File, long, FileLogStorage)}; with {@code promptTimers} off, the actor
   * threads and the stream processor's wake-up are Zeebe's own (ADR 0082): the baseline the timer
   * benchmark measures against, and the app's {@code
   * guest-journey.runtime.engine.prompt-timers=false}.
   */
  public static RocksDbEngine create(
      int port,
      File stateDirectory,
      long memoryLimitBytes,
      FileLogStorage durableLog,
      boolean promptTimers) {
    ControlledActorClock clock = new ControlledActorClock();
    ActorScheduler.ActorSchedulerBuilder schedulerBuilder =
        ActorScheduler.newActorScheduler().setActorClock(clock);
    if (promptTimers) {
      schedulerBuilder.setActorThreadFactory(PromptTimerThread::new);
    }
    ActorScheduler scheduler = schedulerBuilder.build();
    EngineConfiguration engineConfiguration = new EngineConfiguration();
    if (promptTimers) {
      engineConfiguration.setJobsTimeoutCheckerPollingInterval(STREAM_PROCESSOR_WAKE);
    }
    scheduler.start();

    InMemoryLogStorage logStorage = durableLog != null ? durableLog : new ConcurrentLogStorage();
    LogStream logStream =
        LogStream.builder()
            .withPartitionId(PARTITION_ID)
            .withLogStorage(logStorage)
            .withClock(clock)
            .withMeterRegistry(new SimpleMeterRegistry())
            .build();

    CommandWriter commandWriter = new CommandWriter(logStream.newLogStreamWriter());
    CommandSender commandSender = new CommandSender(commandWriter);
    GatewayRequestStore requestStore = new GatewayRequestStore();
    InMemoryJobStreamer jobStreamer = new InMemoryJobStreamer(commandWriter);
    GrpcToLogStreamGateway gateway =
        new GrpcToLogStreamGateway(
            commandWriter, PARTITION_ID, PARTITION_COUNT, port, requestStore, jobStreamer);
    // only this machine reaches the gateway: it has no authentication
    Server grpcServer =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
            .addService(gateway)
            .build();
    // the same gateway for a client in this JVM, without TCP, HTTP/2 or protobuf bytes between
    String inProcessName = "zeebe-embedded-" + UUID.randomUUID();
    Server inProcessServer =
        InProcessServerBuilder.forName(inProcessName).addService(gateway).build();
    GrpcResponseWriter responseWriter = new GrpcResponseWriter(gateway, requestStore, null);

    RocksDbConfiguration rocksDb =
        new RocksDbConfiguration()
            .setMemoryLimit(memoryLimitBytes)
            .setWalDisabled(durableLog == null);
    SharedRocksDbResources shared = SharedRocksDbResources.allocate(memoryLimitBytes);
    ZeebeDb<ZbColumnFamilies> database =
        new ZeebeRocksDbFactory<ZbColumnFamilies>(
                rocksDb,
                new ConsistencyChecksSettings(),
                new AccessMetricsConfiguration(AccessMetricsConfiguration.Kind.NONE, PARTITION_ID),
                SimpleMeterRegistry::new,
                shared,
                PARTITION_COUNT)
            .createDb(stateDirectory);

    SecurityConfiguration security = new SecurityConfiguration();
    security.getAuthorizations().setEnabled(false);
    StreamProcessor streamProcessor =
        StreamProcessor.builder()
            .logStream(logStream)
            .zeebeDb(database)
            .commandResponseWriter(responseWriter)
            .partitionCommandSender(commandSender)
            .recordProcessors(
                List.of(
                    new Engine(
                        context ->
                            EngineProcessors.createEngineProcessors(
                                context,
                                PARTITION_COUNT,
                                new SubscriptionCommandSender(
                                    context.getPartitionId(), commandSender),
                                commandSender,
                                FeatureFlags.createDefault(),
                                jobStreamer,
                                SearchClientsProxy.noop(),
                                new BrokerRequestAuthorizationConverter(security)),
                        engineConfiguration,
                        security)))
            .actorSchedulingService(scheduler)
            .clock(new ControllableStreamClockImpl(clock))
            .meterRegistry(new SimpleMeterRegistry())
            .build();

    EngineStateMonitor stateMonitor = new EngineStateMonitor(logStorage, streamProcessor);
    RecordStreamSourceImpl recordStream =
        new RecordStreamSourceImpl(logStream.newLogStreamReader(), PARTITION_ID);

    return new RocksDbEngine(
        grpcServer,
        streamProcessor,
        gateway,
        database,
        logStream,
        scheduler,
        recordStream,
        clock,
        stateMonitor,
        shared,
        durableLog,
        inProcessServer,
        inProcessName,
        commandWriter);
  }

  /**
   * An actor thread whose expired timers run within one idle pause (at most 20 ms), not up to a
   * whole turn of its timer wheel later. The wheel (Agrona's {@link org.agrona.DeadlineTimerWheel},
   * 1 ms ticks, 32 spokes) looks at one spoke per pass of the thread's loop, and an idle thread
   * passes once per pause of up to 20 ms: a timer that had fallen due waited up to 32 pauses for
   * its spoke (measured on a bare actor: 73–635 ms late, 3–20 ms with this thread; ADR 0082). After
   * each idle pause this thread turns its wheel once round, on the thread itself as its own loop
   * does; the pauses are as long as before.
   */
  static final class PromptTimerThread extends ActorThread {

    PromptTimerThread(
        String name,
        int id,
        ActorThreadGroup group,
        TaskScheduler scheduler,
        ActorClock clock,
        ActorTimerQueue timers,
        ActorMetrics metrics,
        IdleStrategy idle) {
      this(name, id, group, scheduler, clock, metrics, idle, ownOr(timers, clock));
    }

    private PromptTimerThread(
        String name,
        int id,
        ActorThreadGroup group,
        TaskScheduler scheduler,
        ActorClock clock,
        ActorMetrics metrics,
        IdleStrategy idle,
        ActorTimerQueue timers) {
      super(
          name,
          id,
          group,
          scheduler,
          clock,
          timers,
          metrics,
          new TurnWheelWhenIdle(idle, timers, clock));
    }

    /** The thread's wheel: the one given, or (as {@link ActorThread} does) a new one. */
    private static ActorTimerQueue ownOr(ActorTimerQueue given, ActorClock clock) {
      return given != null ? given : new ActorTimerQueue(clock);
    }
  }

  /**
   * Pauses as {@code pause} does, then turns the thread's timer wheel once round, at most once a
   * millisecond (the wheel's tick): a busy thread between two tasks only spins for a moment, and
   * turning the wheel after every such spin would spend CPU for nothing.
   */
  static final class TurnWheelWhenIdle implements IdleStrategy {

    private static final long TURN_AT_MOST_EVERY_NANOS = 1_000_000L;

    private final IdleStrategy pause;
    private final ActorTimerQueue timers;
    private final ActorClock clock;
    private long lastTurn = System.nanoTime() - TURN_AT_MOST_EVERY_NANOS;

    TurnWheelWhenIdle(IdleStrategy pause, ActorTimerQueue timers, ActorClock clock) {
      this.pause = pause;
      this.timers = timers;
      this.clock = clock;
    }

    @Override
    public void idle(int workCount) {
      if (workCount <= 0) {
        idle();
      } else {
        pause.idle(workCount);
      }
    }

    @Override
    public void idle() {
      pause.idle();
      long now = System.nanoTime();
      if (now - lastTurn < TURN_AT_MOST_EVERY_NANOS) {
        return;
      }
      lastTurn = now;
      clock.update();
      for (int spoke = 0, spokes = timers.ticksPerWheel(); spoke < spokes; spoke++) {
        timers.processExpiredTimers(clock);
      }
    }

    @Override
    public void reset() {
      pause.reset();
    }

    @Override
    public String alias() {
      return "turn-wheel-when-idle:" + pause.alias();
    }
  }

  /**
   * The engine's log in memory, safe to read while it is written. zeebe-process-test's {@link
   * InMemoryLogStorage} appends to an unsynchronized {@code ArrayList} that the stream processor
   * and the record readers read from other threads; under load a reader saw a slot whose buffer was
   * not there yet, the stream processor failed with a {@code NullPointerException} and the engine
   * stopped processing. Here blocks live in a {@link ConcurrentSkipListMap} keyed by their lowest
   * position, which publishes each block safely. A subclass only because the engine's state monitor
   * takes that type; none of the parent's state is used.
   */
  static final class ConcurrentLogStorage extends InMemoryLogStorage {

    private final ConcurrentSkipListMap<Long, ByteBuffer> blocks = new ConcurrentSkipListMap<>();
    private final Set<CommitListener> commitListeners = new CopyOnWriteArraySet<>();
    private long appended;

    @Override
    public LogStorageReader newReader() {
      return new Reader();
    }

    @Override
    public void append(
        long lowestPosition, long highestPosition, BufferWriter writer, AppendListener listener) {
      ByteBuffer buffer = ByteBuffer.allocate(writer.getLength());
      writer.write(new UnsafeBuffer(buffer), 0);
      append(lowestPosition, highestPosition, buffer, listener);
    }

    @Override
    public synchronized void append(
        long lowestPosition, long highestPosition, ByteBuffer block, AppendListener listener) {
      blocks.put(lowestPosition, block);
      long index = ++appended;
      listener.onWrite(index, highestPosition);
      listener.onCommit(index, highestPosition);
      commitListeners.forEach(CommitListener::onCommit);
    }

    @Override
    public void addCommitListener(CommitListener listener) {
      commitListeners.add(listener);
    }

    @Override
    public void removeCommitListener(CommitListener listener) {
      commitListeners.remove(listener);
    }

    private final class Reader implements LogStorageReader {

      private Long lastRead;
      private Long from;

      /** From the block before {@code position} (as zeebe-process-test's reader), or the first. */
      @Override
      public void seek(long position) {
        lastRead = null;
        from = blocks.lowerKey(position);
      }

      private Map.Entry<Long, ByteBuffer> peek() {
        if (lastRead != null) {
          return blocks.higherEntry(lastRead);
        }
        return from != null ? blocks.ceilingEntry(from) : blocks.firstEntry();
      }

      @Override
      public boolean hasNext() {
        return peek() != null;
      }

      @Override
      public DirectBuffer next() {
        Map.Entry<Long, ByteBuffer> block = peek();
        if (block == null) {
          throw new NoSuchElementException();
        }
        lastRead = block.getKey();
        return new UnsafeBuffer(block.getValue());
      }

      @Override
      public void close() {}
    }
  }

  /**
   * How many pushed jobs a job stream on the in-process channel takes ahead of its worker: about
   * what the socket's buffer takes over TCP.
   */
  static final int STREAM_WINDOW = 64;

  /**
   * Asks for {@code window} messages ahead on every server-streaming call (the job streams). The
   * gateway pushes a job only while its stream is ready; over TCP that is while the socket's buffer
   * has room, in-process only while the client has asked for more, and the client's stub asks for
   * one message at a time. Without a window, a job pushed while the one before was still on its way
   * was handed back to the engine ("yielded") and waited for the worker's next poll.
   */
  static final class StreamWindow implements ClientInterceptor {

    private final int window;

    StreamWindow(int window) {
      this.window = window;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      ClientCall<Q, R> call = next.newCall(method, options);
      if (method.getType() != MethodDescriptor.MethodType.SERVER_STREAMING) {
        return call;
      }
      return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
        @Override
        public void start(Listener<R> listener, Metadata headers) {
          super.start(listener, headers);
          super.request(window);
        }
      };
    }
  }

  /** The engine as zeebe-process-test's, plus its health and the RocksDB resources it frees. */
  public static final class RocksDbEngine extends InMemoryEngine {

    private final StreamProcessor streamProcessor;
    private final SharedRocksDbResources shared;
    private final ZeebeDb<ZbColumnFamilies> database;
    private final FileLogStorage durableLog;
    private final Server inProcessServer;
    private final String inProcessName;
    private final CommandWriter commandWriter;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private RocksDbEngine(
        Server grpcServer,
        StreamProcessor streamProcessor,
        GrpcToLogStreamGateway gateway,
        ZeebeDb<ZbColumnFamilies> database,
        LogStream logStream,
        ActorScheduler scheduler,
        RecordStreamSourceImpl recordStream,
        ControlledActorClock clock,
        EngineStateMonitor stateMonitor,
        SharedRocksDbResources shared,
        FileLogStorage durableLog,
        Server inProcessServer,
        String inProcessName,
        CommandWriter commandWriter) {
      super(
          grpcServer,
          streamProcessor,
          gateway,
          database,
          logStream,
          scheduler,
          recordStream,
          clock,
          stateMonitor);
      this.streamProcessor = streamProcessor;
      this.shared = shared;
      this.database = database;
      this.durableLog = durableLog;
      this.inProcessServer = inProcessServer;
      this.inProcessName = inProcessName;
      this.commandWriter = commandWriter;
    }

    /**
     * Hands back to the engine every job an earlier run of the app had taken and not finished: they
     * become available to workers now instead of when their time-outs end (3 minutes for a send, 30
     * days for a staff task that the dead run may not have recorded yet). Only the app that owns
     * this engine's directory works its jobs (one app per directory, a lock file says so), so right
     * after a start every activated job is one of a process that is gone. Waits (bounded by {@code
     * wait}) until the engine has replayed its log and processed every command in it, so
     * activations the dead run had asked for are in the state; then writes a {@code YIELD} command
     * per activated job, as the gateway does for a job it could not push. Returns how many were
     * handed back; a job finished meanwhile is rejected by the engine and stays finished.
     */
    public int handBackJobsOfAnEarlierRun(Duration wait) throws TimeoutException {
      Instant deadline = Instant.now().plus(wait);
      awaitUntil(
          deadline,
          "replayed its log",
          () -> streamProcessor.getCurrentPhase().join() == StreamProcessor.Phase.PROCESSING);
      awaitUntil(
          deadline, "processed its log", () -> streamProcessor.hasProcessingReachedTheEnd().join());
      List<Long> activated = new ArrayList<>();
      DbJobState jobs = new DbJobState(database, database.createContext());
      jobs.forEachTimedOutEntry(
          Long.MAX_VALUE,
          null,
          (key, job) -> {
            activated.add(key);
            return true;
          });
      int handedBack = 0;
      for (long key : activated) {
        if (jobs.getState(key) != JobState.State.ACTIVATED) {
          continue;
        }
        JobRecord job = copyOf(jobs.getJob(key));
        commandWriter.writeCommandWithKey(
            key,
            job,
            new RecordMetadata()
                .recordType(RecordType.COMMAND)
                .valueType(ValueType.JOB)
                .intent(JobIntent.YIELD));
        handedBack++;
      }
      return handedBack;
    }

    /** The log writer keeps the record until it is appended: a copy, not the state's buffer. */
    private static JobRecord copyOf(JobRecord job) {
      UnsafeBuffer bytes = new UnsafeBuffer(new byte[job.getLength()]);
      job.write(bytes, 0);
      JobRecord copy = new JobRecord();
      copy.wrap(bytes, 0, bytes.capacity());
      return copy;
    }

    /**
     * Waits until {@code condition} holds; gives up at {@code deadline}, or at once when the stream
     * processor failed or closed (it would never hold then; health says why).
     */
    private void awaitUntil(Instant deadline, String what, BooleanSupplier condition)
        throws TimeoutException {
      while (true) {
        if (streamProcessor.isFailed() || streamProcessor.isActorClosed()) {
          throw new TimeoutException("The engine stopped processing before it had " + what);
        }
        try {
          if (condition.getAsBoolean()) {
            return;
          }
        } catch (RuntimeException e) {
          TimeoutException unknown =
              new TimeoutException("The engine could not say whether it had " + what);
          unknown.initCause(e);
          throw unknown;
        }
        if (Instant.now().isAfter(deadline)) {
          throw new TimeoutException("The engine has not " + what + " in time");
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new TimeoutException("Interrupted while waiting for the engine to have " + what);
        }
      }
    }

    /** Starts the engine, its gateway on its TCP port and the same gateway in this JVM. */
    @Override
    public void start() {
      super.start();
      try {
        inProcessServer.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * A new channel to the engine's gateway inside this JVM: the calls of a client built on it
     * reach the gateway without a socket, HTTP/2 framing or serializing the messages. The caller
     * shuts it down (closing a Camunda client built on it does).
     */
    public ManagedChannel newInProcessChannel() {
      return InProcessChannelBuilder.forName(inProcessName)
          .intercept(new StreamWindow(STREAM_WINDOW))
          .build();
    }

    /** The engine's log on disk, or empty when it is in memory. */
    public Optional<FileLogStorage> durableLog() {
      return Optional.ofNullable(durableLog);
    }

    /**
     * Deletes the log segments the state no longer needs: those whose records all lie below the
     * position the stream processor last processed. First RocksDB's memtables are flushed to its
     * files (a checkpoint into {@code scratch}, deleted at once), so the state up to that position
     * no longer depends on RocksDB's write-ahead log either. Returns how many segments went; none
     * when the log is in memory or the engine is not processing.
     */
    public synchronized int compactLog(Path scratch) throws IOException {
      if (durableLog == null || stopped.get() || streamProcessor.isActorClosed()) {
        return 0;
      }
      long processed;
      try {
        processed = streamProcessor.getLastProcessedPositionAsync().get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      } catch (ExecutionException | TimeoutException e) {
        throw new IOException("The engine did not say how far it has processed its log", e);
      }
      if (processed <= 0) {
        return 0;
      }
      // what the state holds is then covered by a forced log, even the last round's records
      try {
        durableLog.flush();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
      deleteRecursively(scratch);
      database.createSnapshot(scratch.toFile());
      deleteRecursively(scratch);
      return durableLog.deleteBelow(processed);
    }

    private static void deleteRecursively(Path directory) throws IOException {
      if (!Files.exists(directory)) {
        return;
      }
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }

    /**
     * The stream processor's own health: healthy while it processes, unhealthy or dead (with the
     * reason) when processing failed; dead once stopped.
     */
    public HealthReport health() {
      IOException logFailure = durableLog != null ? durableLog.failure() : null;
      if (logFailure != null) {
        return HealthReport.dead(streamProcessor)
            .withMessage(
                "the engine's log could not be written to disk: " + logFailure.getMessage(),
                Instant.now());
      }
      if (streamProcessor.isActorClosed()) {
        return HealthReport.dead(streamProcessor)
            .withMessage("the engine's stream processor is closed", Instant.now());
      }
      return streamProcessor.getHealthReport();
    }

    /** Stops the engine; a second call does nothing. */
    @Override
    public synchronized void stop() {
      if (stopped.getAndSet(true)) {
        return;
      }
      try {
        inProcessServer.shutdownNow();
        super.stop();
      } finally {
        shared.close();
        if (durableLog != null) {
          try {
            durableLog.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
  }
}
