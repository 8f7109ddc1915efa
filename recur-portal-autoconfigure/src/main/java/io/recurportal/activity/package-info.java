/**
 * Recent billing activity as an account's owners read it: the audit trail with each
 * actor named as a person.
 */
@NullMarked
package io.recurportal.activity;

import org.jspecify.annotations.NullMarked;
