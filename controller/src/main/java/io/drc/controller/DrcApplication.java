package io.drc.controller;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.DefaultConfigurationFactoryFactory;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationParsingException;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.drc.controller.config.checks.DuplicateKeyException;
import com.fasterxml.jackson.core.JsonParser;
import com.google.common.base.Suppliers;
import java.io.IOException;
import java.io.InputStream;
import jakarta.validation.Validator;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.lifecycle.AutoCloseableManager;
import io.drc.controller.auth.ApiToken;
import io.drc.controller.api.StrictJson;
import io.drc.controller.auth.BearerAuth;
import io.drc.controller.auth.BearerTokenFilter;
import io.drc.controller.cluster.ClusterMembership;
import io.drc.controller.cluster.NodeIdentity;
import io.drc.controller.cluster.Placement;
import io.drc.controller.config.ClusterConfig;
import io.drc.controller.db.ClusterStore;
import io.drc.controller.db.ClusteredQuartz;
import io.drc.controller.health.ClusterMetrics;
import io.drc.controller.health.SchedulerHealthCheck;
import io.drc.controller.resources.ClusterResource;
import java.util.ArrayList;
import java.util.Optional;
import java.util.function.Supplier;
import io.drc.controller.cli.ClassDataArchiveCommand;
import io.drc.controller.cli.DrcCheckCommand;
import io.drc.controller.cli.DrcServerCommand;
import io.drc.controller.ctl.Ctl;
import io.drc.controller.config.checks.ConfigChecks;
import io.drc.controller.config.checks.FeasibilityCheck;
import io.drc.controller.core.AwsSettingsMapper;
import io.drc.controller.core.EmbeddedSimulator;
import io.drc.controller.core.ResourceKind;
import io.drc.controller.core.ServingReading;
import io.drc.controller.core.StatusReporter;
import io.drc.controller.rto.DrLiveState;
import io.drc.controller.rto.RtoMetrics;
import io.drc.controller.rto.RtoMonitor;
import io.drc.controller.rto.RtoTicker;
import io.drc.controller.db.AuditLog;
import io.drc.controller.db.RecoveryPointStore;
import io.drc.controller.db.RtoOutbox;
import io.drc.controller.db.SchemaMigrator;
import io.drc.controller.db.ServingHistory;
import io.drc.controller.db.StoreMaintenance;
import io.drc.controller.errors.ConstraintViolationExceptionMapper;
import io.drc.controller.errors.JsonErrorHandler;
import io.drc.controller.errors.JsonProcessingExceptionMapper;
import io.drc.controller.errors.RequestBodyFilter;
import io.drc.controller.errors.RequestIdFilter;
import io.drc.controller.errors.UnexpectedExceptionMapper;
import io.drc.controller.errors.WebApplicationExceptionMapper;
import io.drc.controller.health.AwsReachability;
import io.drc.controller.health.AwsRegionHealthCheck;
import io.drc.controller.health.AwsCallMetrics;
import io.drc.controller.health.LabelledMetrics;
import io.drc.controller.health.StepDurations;
import io.drc.controller.health.PrometheusEndpoint;
import io.drc.controller.replication.ReplicateNowPlanner;
import io.drc.controller.replication.ReplicationScheduler;
import io.drc.controller.replication.ReplicationWiring;
import io.drc.controller.resources.RecoveryPointsResource;
import io.drc.controller.resources.ReplicationResource;
import io.drc.controller.resources.StatusResource;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.serving.ServingStateReader;
import jakarta.servlet.DispatcherType;
import io.drc.controller.config.EngineConfig;
import io.drc.controller.db.ExecutionStore;
import io.drc.controller.db.H2Urls;
import io.drc.controller.db.WorkQueue;
import io.drc.controller.engine.ExecutionEngine;
import io.drc.controller.engine.ExecutionRunner;
import io.drc.controller.engine.ExecutionService;
import io.drc.controller.engine.RtoPublisher;
import io.drc.controller.engine.RunbookCatalog;
import io.drc.controller.engine.RunbookLoader;
import io.drc.controller.engine.RunbookPlanner;
import io.drc.controller.engine.EngineHandlers;
import io.drc.controller.engine.ServingTopologies;
import io.drc.controller.engine.StepObserver;
import io.drc.controller.engine.WorkItemProcessor;
import io.drc.controller.engine.DrillScheduler;
import io.drc.controller.engine.ScheduledDrills;
import io.drc.controller.resources.DrillResource;
import io.drc.controller.resources.ExecutionResource;
import io.drc.controller.resources.OpenApiDocument;
import io.drc.controller.resources.OpenApiResource;
import io.drc.controller.resources.ExecutionEventsResource;
import io.drc.controller.resources.DashboardResource;
import io.drc.controller.resources.WhoAmIResource;
import io.drc.controller.resources.RpoHistoryResource;
import io.drc.controller.db.RpoSamples;
import io.dropwizard.assets.AssetsBundle;
import io.drc.controller.db.ExecutionEvents;
import io.drc.strategies.step.StepHandlers;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import io.dropwizard.jersey.jackson.JacksonFeature;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;

/** The drc daemon: {@code server <config>} runs it, {@code check <config>} validates a configuration. */
public class DrcApplication extends Application<DrcConfiguration> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DrcApplication.class);
    static final Duration AWS_HEALTH_TIMEOUT = Duration.ofSeconds(3);
    /** How often each region's reachability is probed in the background (status and /healthcheck read the last). */
    static final Duration AWS_HEALTH_INTERVAL = Duration.ofSeconds(30);
    /** How often old rows are removed from the store and (H2) its file compacted. */
    static final Duration STORE_MAINTENANCE_INTERVAL = Duration.ofMinutes(1);

    private final PrintStream out;
    private final Clock clock;

    public DrcApplication() {
        this(System.out, Clock.systemUTC());
    }

    public DrcApplication(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** {@code ctl …} is the API client (exit codes of its own), anything else a Dropwizard command. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("ctl")) {
            Ctl.main(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        new DrcApplication().run(args);
    }

    @Override
    public String getName() {
        return "drc";
    }

    @Override
    protected void addDefaultCommands(Bootstrap<DrcConfiguration> bootstrap) {
        bootstrap.addCommand(new DrcServerCommand(this));
        bootstrap.addCommand(new DrcCheckCommand(DrcApplication::configChecks, out));
        bootstrap.addCommand(new ClassDataArchiveCommand(out));
    }

    @Override
    public void initialize(Bootstrap<DrcConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.setConfigurationFactoryFactory(new UnvalidatedConfigurationFactoryFactory());
        // Dropwizard's API mapper ignores unknown fields; drc's API names them instead (400).
        bootstrap.getObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        // the dashboard's scripts and styles; its page is DashboardResource at /
        bootstrap.addBundle(new AssetsBundle("/assets/", "/assets/", null, "dashboard-assets"));
    }

    /**
     * Dropwizard's configuration parsing (unknown fields rejected) without its validation step:
     * ConfigChecks validates instead, so field and cross-field problems come in one report.
     */
    private static final class UnvalidatedConfigurationFactoryFactory
            extends DefaultConfigurationFactoryFactory<DrcConfiguration> {
        @Override
        public ConfigurationFactory<DrcConfiguration> create(Class<DrcConfiguration> klass, Validator validator,
                ObjectMapper objectMapper, String propertyPrefix) {
            return new StrictYamlConfigurationFactory(klass, configureObjectMapper(objectMapper.copy()), propertyPrefix);
        }
    }

    /**
     * YAML keeps the last of two equal keys without a word, so a second {@code lease:} pasted below the first would
     * silently win: the parser refuses a repeated key instead, naming it and its line.
     */
    private static final class StrictYamlConfigurationFactory extends YamlConfigurationFactory<DrcConfiguration> {
        StrictYamlConfigurationFactory(Class<DrcConfiguration> klass, ObjectMapper mapper, String propertyPrefix) {
            super(klass, null, mapper, propertyPrefix);
        }

        @Override
        protected JsonParser createParser(InputStream input) throws IOException {
            return super.createParser(input).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        }

        @Override
        public DrcConfiguration build(ConfigurationSourceProvider provider, String path)
                throws IOException, ConfigurationException {
            try {
                return super.build(provider, path);
            } catch (ConfigurationParsingException e) {
                throw DuplicateKeyException.from(path, e).orElseThrow(() -> e);
            }
        }
    }

    /**
     * The rules {@code check} applies: the server's, plus whether the RPO targets are feasible under the copy
     * quotas (the server starts with infeasible targets and warns instead: late copies protect more than none).
     */
    static ConfigChecks configChecks(Bootstrap<DrcConfiguration> bootstrap) {
        return ConfigChecks.standard(bootstrap.getValidatorFactory().getValidator()).with(new FeasibilityCheck());
    }

    @Override
    public void run(DrcConfiguration config, Environment environment) throws Exception {
        ConfigChecks.standard(environment.getValidator()).requireValid(config, "configuration");
        Placement.advice(config, Placement.hostRegion(config, Duration.ofSeconds(2)))
                .forEach(advice -> LOG.warn("placement: {}", advice));
        if (config.getSimulator().enabled()) {
            environment.lifecycle().manage(EmbeddedSimulator.start(config.getSimulator()));
        }

        AwsCallMetrics awsCalls = new AwsCallMetrics();
        AwsClients aws = new AwsClients(AwsSettingsMapper.toSettings(config.getAws()), List.of(awsCalls));
        environment.lifecycle().manage(new AutoCloseableManager(aws));
        List<String> regions = List.of(config.getPrimaryRegion(), config.getDrRegion());
        aws.prebuild(regions); // while the store migrates, on the other core
        config.getDatabase().setUrl(H2Urls.closedByThePool(config.getDatabase().getUrl()));
        ManagedDataSource dataSource = config.getDatabase().build(environment.metrics(), "store");
        Jdbi jdbi = openStore(config, environment, dataSource);
        // before anything that claims work: it starts first and stops last (Dropwizard stops in reverse)
        ClusterMembership membership = joinCluster(config, environment, jdbi);
        environment.lifecycle().manage(new StoreMaintenance(jdbi, dataSource,
                config.getDatabase().getUrl().startsWith("jdbc:h2:"), STORE_MAINTENANCE_INTERVAL, clock));
        AuditLog auditLog = new AuditLog(jdbi, environment.getObjectMapper(), clock);
        RecoveryPointStore recoveryPoints = new RecoveryPointStore(jdbi, clock);

        StepDurations stepDurations = new StepDurations();
        AwsReachability reachability = new AwsReachability(aws, regions, AWS_HEALTH_TIMEOUT, AWS_HEALTH_INTERVAL, clock);
        for (String region : regions) {
            environment.healthChecks().register(AwsRegionHealthCheck.nameFor(region),
                    new AwsRegionHealthCheck(reachability, region));
        }

        registerErrorHandling(config, environment);
        registerRequestGuards(config, environment);
        ReplicationWiring replication = ReplicationWiring.build(config, jdbi, recoveryPoints, aws,
                environment.lifecycle().executorService("replication-worker-%d")
                        .minThreads(config.getReplication().workers()).maxThreads(config.getReplication().workers())
                        .build(), membership, clock);
        replication.warnIfInfeasible();
        List<Supplier<Optional<String>>> quartzProblems = new ArrayList<>();
        if (config.getReplication().enabled()) {
            environment.lifecycle().manage(replication.ticker());
            environment.lifecycle().manage(replication.alarms());
        }
        if (config.getReplication().enabled() && !replication.planner().startsCopies()) {
            // with deadline scheduling the schedules are the plan's floor, not firings (ReplicationPlanner)
            ReplicationScheduler scheduler = new ReplicationScheduler(dataSource, isPostgres(config),
                    replication.context(), replication.engine(), id -> config.scheduleOf(replication.context().resource(id)),
                    quartzClustering(config, membership));
            environment.lifecycle().manage(scheduler);
            quartzProblems.add(scheduler::problem);
        }
        // after replication's ticker: its first probe blocks start-up (up to its timeout) so the daemon serves a
        // measured health, while the ticker's first tick (catalog, plan, first copies) needs no probe; at 10,000
        // resources the first copy comes that much sooner
        environment.lifecycle().manage(reachability);
        ExecutionStore executions = new ExecutionStore(jdbi, environment.getObjectMapper());
        Engine engine = startEngine(config, environment, jdbi, aws, auditLog, executions, dataSource, stepDurations,
                membership, quartzProblems);
        ExecutionResource executionResource = engine.api();
        environment.healthChecks().register(SchedulerHealthCheck.NAME,
                new SchedulerHealthCheck(membership, quartzProblems));
        environment.jersey().register(executionResource);
        environment.jersey().register(new DrillResource(executionResource, executions));
        RtoMonitor rto = rtoMonitor(config, aws, executions, engine.runbooks(), replication);
        keepRtoCompliance(config, environment, rto, replication, membership);
        environment.jersey().register(new ExecutionEventsResource(executions, new ExecutionEvents(jdbi),
                environment.getObjectMapper(), config.getEngine().pollInterval().toJavaDuration(),
                environment.lifecycle().executorService("event-stream-%d").minThreads(32).maxThreads(32)
                        .allowCoreThreadTimeOut(true).build()));
        environment.jersey().register(new StatusResource(new StatusReporter(config, recoveryPoints,
                environment.healthChecks(), replication.monitor(), new ServingReading(new ServingHistory(jdbi)::latest,
                        executions::recoveriesCommitted, Duration.ofSeconds(1), System::nanoTime),
                replication.planner()::predictedRpoSeconds, rto::current, clock), environment.getObjectMapper()));
        ReplicateNowPlanner replicateNowPlanner = new ReplicateNowPlanner(replication.context(),
                replication.engine().jobs(), recoveryPoints, clock);
        environment.jersey().register(new ReplicationResource(replication.context(), replication.engine(),
                replicateNowPlanner, auditLog, config.getReplication().enabled()));
        environment.jersey().register(new RecoveryPointsResource(replication.context(), recoveryPoints));
        environment.jersey().register(new WhoAmIResource());
        environment.jersey().register(new RpoHistoryResource(config.getProtect(), new RpoSamples(jdbi, clock), clock));
        environment.jersey().register(new DashboardResource());
        environment.jersey().register(new OpenApiResource(Suppliers.memoize(OpenApiDocument::json)));
        environment.jersey().register(new ClusterResource(membership));
        PrometheusEndpoint.register(environment, registry -> {
            LabelledMetrics.register(registry, config.getProtect(), replication.monitor()::latest, executions);
            stepDurations.register(registry);
            awsCalls.register(registry);
            ClusterMetrics.register(registry, environment.metrics(), membership);
        });
    }

    /** This daemon's node in the cluster of daemons sharing the store: a new incarnation of its node id. */
    private ClusterMembership joinCluster(DrcConfiguration config, Environment environment, Jdbi jdbi) {
        ClusterConfig cluster = config.getCluster();
        ClusterMembership membership = new ClusterMembership(new ClusterStore(jdbi, environment.getObjectMapper()),
                new ClusterMembership.Settings(NodeIdentity.nodeId(cluster.nodeId(), Path.of("")),
                        cluster.heartbeatInterval().toJavaDuration(), cluster.deadAfter().toJavaDuration()), clock);
        membership.join();
        environment.lifecycle().manage(membership);
        return membership;
    }

    /** Every Quartz scheduler of this daemon joins Quartz's cluster as its node, failed when drc would call it dead. */
    private static ClusteredQuartz.Clustering quartzClustering(DrcConfiguration config, ClusterMembership membership) {
        return new ClusteredQuartz.Clustering(membership.nodeId(), config.getCluster().deadAfter().toJavaDuration());
    }

    /**
     * RTO compliance's metrics and alarms ({@code drills.alarms}, default on): measured beside the RPO and its alarms
     * kept by the RPO alarms' reconciler when this daemon replicates; without replication, on their own ticker and
     * by a reconciler that keeps only them.
     */
    private void keepRtoCompliance(DrcConfiguration config, Environment environment, RtoMonitor rto,
                                   ReplicationWiring replication, ClusterMembership membership) {
        if (!config.getDrills().alarms()) {
            return;
        }
        replication.alarms().alsoKeep(rto.alarms());
        if (config.getReplication().enabled()) {
            replication.ticker().alsoEveryMeasure(rto::measure);
            return;
        }
        environment.lifecycle().manage(new RtoTicker(rto, membership,
                config.getReplication().measureInterval().toJavaDuration(),
                config.getReplication().tickInterval().toJavaDuration(), clock));
        environment.lifecycle().manage(replication.alarms());
    }

    /** RTO compliance from drills, measured beside RPO; the replica lag is the DR database's, when it is protected. */
    private RtoMonitor rtoMonitor(DrcConfiguration config, AwsClients aws, ExecutionStore executions,
                                  RunbookCatalog runbooks, ReplicationWiring replication) {
        var dr = config.getRecovery().regions().get(config.getDrRegion());
        String drDatabase = dr == null || dr.database() == null ? null : dr.database().instanceId();
        java.util.function.Supplier<Double> lag = () -> config.getProtect().stream()
                .filter(p -> p.kind() == ResourceKind.RDS_REPLICA && p.resourceId().equals(drDatabase))
                .map(p -> replication.monitor().latest(p.id())).filter(m -> m != null && m.rpoSeconds() != null)
                .map(m -> m.rpoSeconds()).findFirst().orElse(null);
        Integer target = config.getStrategy().rtoTargetSeconds();
        Duration maxAge = config.getDrills().maxAge().toJavaDuration();
        return new RtoMonitor(new RtoMonitor.Settings(config.getStrategy().typeName(), target, maxAge),
                executions, runbooks, new DrLiveState(aws, config.getDrRegion(),
                        dr == null ? List.of() : dr.autoScalingGroups(), lag),
                new RtoMetrics(aws, config.getApplication(), config.getStrategy().typeName(), config.getDrRegion(),
                        config.getReplication().measureInterval().toJavaDuration(), target, maxAge), clock);
    }

    /** The executions API and the runbooks it runs. */
    private record Engine(ExecutionResource api, RunbookCatalog runbooks) { }

    /**
     * Loads and validates the runbooks (a bad one stops the daemon, naming file, state and reason), starts the
     * runner — which resumes whatever executions the store holds — and returns the executions API.
     */
    private Engine startEngine(DrcConfiguration config, Environment environment, Jdbi jdbi, AwsClients aws,
                               AuditLog auditLog, ExecutionStore executions, ManagedDataSource dataSource,
                               StepObserver steps, ClusterMembership membership,
                               List<Supplier<Optional<String>>> quartzProblems) {
        ObjectMapper json = environment.getObjectMapper();
        StepHandlers handlers = EngineHandlers.all(aws, EngineHandlers.hooks(config.getRecovery().hooks()),
                ServingTopologies.of(config));
        RunbookCatalog runbooks = RunbookLoader.load(Path.of(config.getEngine().runbooks()),
                List.of(config.getStrategy()), r -> EngineHandlers.known(handlers, r));
        WorkQueue queue = new WorkQueue(jdbi, json);
        ExecutionEngine engine = new ExecutionEngine(executions, runbooks, clock);
        EngineConfig settings = config.getEngine();
        WorkItemProcessor processor = new WorkItemProcessor(executions, queue, engine, handlers,
                new RtoPublisher(aws, config.getApplication(),
                        new RtoOutbox(jdbi, json, membership::claimant, settings.lease().toJavaDuration()), clock),
                membership, steps);
        environment.lifecycle().manage(new ExecutionRunner(queue, processor, membership, clock,
                new ExecutionRunner.Settings(settings.pollInterval().toJavaDuration(), settings.lease().toJavaDuration(),
                        settings.workers())));
        ExecutionService.LiveState live = new ExecutionService.LiveState(ServingTopologies.of(config),
                new ServingStateReader(aws), new ServingHistory(jdbi),
                environment.lifecycle().executorService("state-guard-read-%d").minThreads(6).maxThreads(6).build());
        ExecutionService service = new ExecutionService(config, runbooks, executions, engine,
                new RunbookPlanner(handlers, clock), json, clock, live);
        if (config.getDrills().schedule() != null) {
            DrillScheduler drills = new DrillScheduler(dataSource, isPostgres(config), config.getApplication(),
                    config.getDrills().schedule(), new ScheduledDrills(service, auditLog),
                    quartzClustering(config, membership));
            environment.lifecycle().manage(drills);
            quartzProblems.add(drills::problem);
        }
        return new Engine(new ExecutionResource(service, executions, auditLog), runbooks);
    }

    /** Migrates the schema, then hands the same pool to JDBI, which adds the "store" health check. */
    private static Jdbi openStore(DrcConfiguration config, Environment environment, ManagedDataSource dataSource) {
        SchemaMigrator.migrate(dataSource);
        Jdbi jdbi = new JdbiFactory().build(environment, config.getDatabase(), dataSource, "store");
        // Dropwizard wraps the template engine to prepend each statement's name, which re-lexes every SQL string on
        // every execution (the largest allocation serving status at 10,000 resources); JDBI's own engine parses a
        // statement once and caches it. drc's SQL is written inline, so the prepended names said nothing.
        jdbi.setTemplateEngine(new DefinedAttributeTemplateEngine());
        return jdbi;
    }

    private static boolean isPostgres(DrcConfiguration config) {
        return config.getDatabase().getUrl().startsWith("jdbc:postgresql:");
    }

    /**
     * Every error gets the API's body: Jersey's through the mappers (Dropwizard's default mappers would answer in
     * their own shape), Jetty's own (before, around or outside Jersey, on both connectors) through JsonErrorHandler.
     */
    private static void registerErrorHandling(DrcConfiguration config, Environment environment) {
        ((AbstractServerFactory) config.getServerFactory()).setRegisterDefaultExceptionMappers(false);
        environment.servlets().addFilter("request-id", new RequestIdFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        environment.jersey().register(new WebApplicationExceptionMapper());
        environment.jersey().register(new JsonProcessingExceptionMapper());
        environment.jersey().register(new ConstraintViolationExceptionMapper());
        environment.jersey().register(new UnexpectedExceptionMapper());
        JsonErrorHandler errors = new JsonErrorHandler();
        environment.getApplicationContext().setErrorHandler(errors);
        environment.getAdminContext().setErrorHandler(errors);
        // The server is built after run(); it tells its lifecycle listeners before it starts.
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(errors);
                }
            }
        });
    }

    /**
     * What every API request passes before a resource sees it, in this order: a known bearer token (401 before
     * routing), a body that can be read whole within the size limit, strict JSON. Jersey keeps the role checks.
     */
    private static void registerRequestGuards(DrcConfiguration config, Environment environment) {
        List<ApiToken> tokens = ApiToken.fromConfig(config.getAuth());
        // Appended (isMatchAfter) in order, after the request id and before Dropwizard's own filters.
        environment.servlets().addFilter("bearer-token", new BearerTokenFilter(tokens))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/api/v1/*");
        environment.servlets().addFilter("request-body", new RequestBodyFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/api/v1/*");
        // Registered before Dropwizard registers its JacksonFeature, which Jersey then ignores as a duplicate.
        environment.jersey().register(new JacksonFeature(StrictJson.from(environment.getObjectMapper())));
        BearerAuth.register(environment.jersey(), tokens);
    }
}
