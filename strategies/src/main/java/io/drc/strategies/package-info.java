/** Runbook language, DR strategies and the AWS step handlers they run. No Dropwizard here. */
package io.drc.strategies;
