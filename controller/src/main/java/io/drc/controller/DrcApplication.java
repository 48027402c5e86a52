package io.drc.controller;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.DefaultConfigurationFactoryFactory;
import jakarta.validation.Validator;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.lifecycle.AutoCloseableManager;
import io.drc.controller.auth.ApiToken;
import io.drc.controller.auth.BearerAuth;
import io.drc.controller.cli.DrcCheckCommand;
import io.drc.controller.cli.DrcServerCommand;
import io.drc.controller.config.checks.ConfigChecks;
import io.drc.controller.config.checks.FeasibilityCheck;
import io.drc.controller.core.AwsSettingsMapper;
import io.drc.controller.core.EmbeddedSimulator;
import io.drc.controller.core.StatusReporter;
import io.drc.controller.db.AuditLog;
import io.drc.controller.db.RecoveryPointStore;
import io.drc.controller.db.RtoOutbox;
import io.drc.controller.db.SchemaMigrator;
import io.drc.controller.db.ServingHistory;
import io.drc.controller.db.StoreMaintenance;
import io.drc.controller.errors.ConstraintViolationExceptionMapper;
import io.drc.controller.errors.JsonProcessingExceptionMapper;
import io.drc.controller.errors.RequestIdFilter;
import io.drc.controller.errors.UnexpectedExceptionMapper;
import io.drc.controller.errors.WebApplicationExceptionMapper;
import io.drc.controller.health.AwsReachability;
import io.drc.controller.health.AwsRegionHealthCheck;
import io.drc.controller.health.PrometheusEndpoint;
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
import io.drc.controller.engine.WorkItemProcessor;
import io.drc.controller.resources.ExecutionResource;
import io.drc.strategies.step.StepHandlers;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import org.jdbi.v3.core.Jdbi;

/** The drc daemon: {@code server <config>} runs it, {@code check <config>} validates a configuration. */
public class DrcApplication extends Application<DrcConfiguration> {
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

    public static void main(String[] args) throws Exception {
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
    }

    @Override
    public void initialize(Bootstrap<DrcConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.setConfigurationFactoryFactory(new UnvalidatedConfigurationFactoryFactory());
        // Dropwizard's API mapper ignores unknown fields; drc's API names them instead (400).
        bootstrap.getObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
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
            return super.create(klass, null, objectMapper, propertyPrefix);
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
        if (config.getSimulator().enabled()) {
            environment.lifecycle().manage(EmbeddedSimulator.start(config.getSimulator()));
        }

        config.getDatabase().setUrl(H2Urls.closedByThePool(config.getDatabase().getUrl()));
        ManagedDataSource dataSource = config.getDatabase().build(environment.metrics(), "store");
        Jdbi jdbi = openStore(config, environment, dataSource);
        environment.lifecycle().manage(new StoreMaintenance(jdbi, dataSource,
                config.getDatabase().getUrl().startsWith("jdbc:h2:"), STORE_MAINTENANCE_INTERVAL, clock));
        AuditLog auditLog = new AuditLog(jdbi, environment.getObjectMapper(), clock);
        RecoveryPointStore recoveryPoints = new RecoveryPointStore(jdbi, clock);

        AwsClients aws = new AwsClients(AwsSettingsMapper.toSettings(config.getAws()));
        environment.lifecycle().manage(new AutoCloseableManager(aws));
        List<String> regions = List.of(config.getPrimaryRegion(), config.getDrRegion());
        AwsReachability reachability = new AwsReachability(aws, regions, AWS_HEALTH_TIMEOUT, AWS_HEALTH_INTERVAL, clock);
        environment.lifecycle().manage(reachability);
        for (String region : regions) {
            environment.healthChecks().register(AwsRegionHealthCheck.nameFor(region),
                    new AwsRegionHealthCheck(reachability, region));
        }

        registerErrorHandling(config, environment);
        BearerAuth.register(environment.jersey(), ApiToken.fromConfig(config.getAuth()));
        ReplicationWiring replication = ReplicationWiring.build(config, jdbi, recoveryPoints, aws,
                environment.lifecycle().executorService("replication-worker-%d")
                        .minThreads(config.getReplication().workers()).maxThreads(config.getReplication().workers())
                        .build(), clock);
        replication.registerGauges(environment.metrics());
        replication.warnIfInfeasible();
        if (config.getReplication().enabled()) {
            environment.lifecycle().manage(replication.ticker());
            environment.lifecycle().manage(replication.alarms());
            environment.lifecycle().manage(new ReplicationScheduler(dataSource, isPostgres(config), replication.context(),
                    replication.engine(), id -> config.scheduleOf(replication.context().resource(id))));
        }
        ExecutionStore executions = new ExecutionStore(jdbi, environment.getObjectMapper());
        environment.jersey().register(startEngine(config, environment, jdbi, aws, auditLog, executions));
        environment.jersey().register(new StatusResource(new StatusReporter(config, recoveryPoints,
                environment.healthChecks(), replication.monitor(), new ServingHistory(jdbi),
                replication.planner()::predictedRpoSeconds, clock)));
        environment.jersey().register(new ReplicationResource(replication.context(), replication.engine(), auditLog,
                config.getReplication().enabled()));
        environment.jersey().register(new RecoveryPointsResource(replication.context(), recoveryPoints));
        PrometheusEndpoint.register(environment);
    }

    /**
     * Loads and validates the runbooks (a bad one stops the daemon, naming file, state and reason), starts the
     * runner — which resumes whatever executions the store holds — and returns the executions API.
     */
    private ExecutionResource startEngine(DrcConfiguration config, Environment environment, Jdbi jdbi, AwsClients aws,
                                          AuditLog auditLog, ExecutionStore executions) {
        ObjectMapper json = environment.getObjectMapper();
        StepHandlers handlers = EngineHandlers.all(aws, EngineHandlers.hooks(config.getRecovery().hooks()),
                ServingTopologies.of(config));
        RunbookCatalog runbooks = RunbookLoader.load(Path.of(config.getEngine().runbooks()),
                List.of(config.getStrategy().typeName()), r -> EngineHandlers.known(handlers, r));
        WorkQueue queue = new WorkQueue(jdbi, json);
        ExecutionEngine engine = new ExecutionEngine(executions, runbooks, clock);
        EngineConfig settings = config.getEngine();
        String owner = ExecutionRunner.Settings.uniqueOwner();
        WorkItemProcessor processor = new WorkItemProcessor(executions, queue, engine, handlers,
                new RtoPublisher(aws, config.getApplication(),
                        new RtoOutbox(jdbi, json, owner, settings.lease().toJavaDuration()), clock));
        environment.lifecycle().manage(new ExecutionRunner(queue, processor, clock, new ExecutionRunner.Settings(
                owner, settings.pollInterval().toJavaDuration(), settings.lease().toJavaDuration(), settings.workers())));
        ExecutionService.LiveState live = new ExecutionService.LiveState(ServingTopologies.of(config),
                new ServingStateReader(aws), new ServingHistory(jdbi),
                environment.lifecycle().executorService("state-guard-read-%d").minThreads(6).maxThreads(6).build());
        ExecutionService service = new ExecutionService(config, runbooks, executions, engine,
                new RunbookPlanner(handlers, clock), json, clock, live);
        return new ExecutionResource(service, executions, auditLog);
    }

    /** Migrates the schema, then hands the same pool to JDBI, which adds the "store" health check. */
    private static Jdbi openStore(DrcConfiguration config, Environment environment, ManagedDataSource dataSource) {
        SchemaMigrator.migrate(dataSource);
        return new JdbiFactory().build(environment, config.getDatabase(), dataSource, "store");
    }

    private static boolean isPostgres(DrcConfiguration config) {
        return config.getDatabase().getUrl().startsWith("jdbc:postgresql:");
    }

    /** Every error gets the API's body; Dropwizard's default mappers would answer in their own shape. */
    private static void registerErrorHandling(DrcConfiguration config, Environment environment) {
        ((AbstractServerFactory) config.getServerFactory()).setRegisterDefaultExceptionMappers(false);
        environment.servlets().addFilter("request-id", new RequestIdFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        environment.jersey().register(new WebApplicationExceptionMapper());
        environment.jersey().register(new JsonProcessingExceptionMapper());
        environment.jersey().register(new ConstraintViolationExceptionMapper());
        environment.jersey().register(new UnexpectedExceptionMapper());
    }
}
