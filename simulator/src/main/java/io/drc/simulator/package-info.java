/** A stateful two-region AWS fake that unmodified SDK clients and the AWS CLI talk to over HTTP. */
package io.drc.simulator;
