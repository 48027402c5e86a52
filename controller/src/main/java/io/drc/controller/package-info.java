/** The drc daemon: configuration, REST, scheduling, the execution runner and its store. */
package io.drc.controller;
