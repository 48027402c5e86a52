package io.drc.controller;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.drc.controller.config.AuthConfig;
import io.drc.controller.config.AwsConfig;
import io.drc.controller.config.ClusterConfig;
import io.drc.controller.config.DrillsConfig;
import io.drc.controller.config.EngineConfig;
import io.drc.controller.config.ProtectedResourceConfig;
import io.drc.controller.config.RecoveryConfig;
import io.drc.controller.config.ReplicationConfig;
import io.drc.controller.config.RetentionConfig;
import io.drc.controller.config.SimulatorConfig;
import io.drc.controller.core.ResourceKind;
import io.drc.strategies.strategy.DrStrategy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/** The daemon's YAML configuration; cross-field rules live in {@code io.drc.controller.config.checks}. */
public class DrcConfiguration extends Configuration {

    @JsonProperty @NotEmpty
    private String application;

    @JsonProperty @NotEmpty
    private String primaryRegion;

    @JsonProperty @NotEmpty
    private String drRegion;

    @JsonProperty @NotNull @Valid
    private AwsConfig aws = AwsConfig.defaults();

    @JsonProperty @NotNull
    private List<@NotNull @Valid ProtectedResourceConfig> protect = new ArrayList<>();

    @JsonProperty @NotNull @Valid
    private ReplicationConfig replication = ReplicationConfig.defaults();

    @JsonProperty @NotNull @Valid
    private RecoveryConfig recovery;

    @JsonProperty @NotNull @Valid
    private DrStrategy strategy;

    @JsonProperty @NotNull @Valid
    private AuthConfig auth;

    @JsonProperty @NotNull @Valid
    private DataSourceFactory database = defaultDatabase();

    @JsonProperty @NotNull @Valid
    private SimulatorConfig simulator = SimulatorConfig.disabled();

    @JsonProperty @NotNull @Valid
    private EngineConfig engine = EngineConfig.defaults();

    @JsonProperty @NotNull @Valid
    private DrillsConfig drills = DrillsConfig.defaults();
    /** The admin port answers without authentication; it must listen on loopback unless this says otherwise. */
    @JsonProperty
    private boolean allowPublicAdmin;

    @JsonProperty @NotNull @Valid
    private ClusterConfig cluster = ClusterConfig.defaults();

    private static DataSourceFactory defaultDatabase() {
        DataSourceFactory database = new DataSourceFactory();
        database.setDriverClass("org.h2.Driver");
        database.setUrl("jdbc:h2:./data/drc;AUTO_SERVER=FALSE;WRITE_DELAY=0"); // see README: H2 and kill -9
        database.setUser("sa");
        database.setPassword("");
        return database;
    }

    public String getApplication() {
        return application;
    }

    public String getPrimaryRegion() {
        return primaryRegion;
    }

    public String getDrRegion() {
        return drRegion;
    }

    public AwsConfig getAws() {
        return aws;
    }

    public List<ProtectedResourceConfig> getProtect() {
        return protect;
    }

    public ReplicationConfig getReplication() {
        return replication;
    }

    public RecoveryConfig getRecovery() {
        return recovery;
    }

    public DrStrategy getStrategy() {
        return strategy;
    }

    public AuthConfig getAuth() {
        return auth;
    }

    public DataSourceFactory getDatabase() {
        return database;
    }

    public SimulatorConfig getSimulator() {
        return simulator;
    }

    public DrillsConfig getDrills() {
        return drills;
    }

    public EngineConfig getEngine() {
        return engine;
    }

    public boolean isAllowPublicAdmin() {
        return allowPublicAdmin;
    }

    public ClusterConfig getCluster() {
        return cluster;
    }

    /** A replica lives in the DR region; everything else defaults to the primary. */
    public String regionOf(ProtectedResourceConfig resource) {
        if (resource.region() != null) {
            return resource.region();
        }
        return resource.kind() == ResourceKind.RDS_REPLICA ? drRegion : primaryRegion;
    }

    public String scheduleOf(ProtectedResourceConfig resource) {
        return resource.schedule() != null ? resource.schedule() : replication.defaultSchedule();
    }

    public RetentionConfig retentionOf(ProtectedResourceConfig resource) {
        return resource.retention() != null ? resource.retention() : replication.defaultRetention();
    }
}
