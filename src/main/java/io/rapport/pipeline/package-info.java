/**
 * The message pipeline: requests, plugins, actions and the organization service that runs every create,
 * update, delete, associate and action through validation, security, plugins, store and audit in one
 * transaction.
 */
package io.rapport.pipeline;
