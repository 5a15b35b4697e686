// The client's events, and the deprecated on* properties over them. A listener is called with the
// client as `this`, in the order of subscription; one that throws does not keep the others (or the
// client's own work, a reconnection say) from running: its error is rethrown in a microtask, where
// the browser or Node reports it as uncaught, as EventTarget does.

/** The events of TickcastClient, and the deprecated property of each. */
export const EVENT_PROPERTIES = Object.freeze({
  welcome: 'onWelcome',
  schema: 'onSchema',
  state: 'onState',
  chat: 'onChat',
  message: 'onMessage',
  pong: 'onPong',
  close: 'onClose',
  error: 'onError',
  status: 'onStatus',
});

const NOOP = () => {};

export class Emitter {
  #target;
  #listeners = new Map();

  /** Listeners are called with target as `this`. */
  constructor(target) {
    this.#target = target;
    for (const event of Object.keys(EVENT_PROPERTIES)) {
      this.#listeners.set(event, new Set());
    }
  }

  /** Calls listener on every event until the returned function is called. */
  on(event, listener) {
    if (typeof listener !== 'function') {
      throw new TypeError(`on('${event}'): the listener is not a function`);
    }
    const set = this.#set(event);
    const entry = { listener };
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  /** Removes listener's earliest subscription to event; true if it had one. */
  off(event, listener) {
    const set = this.#set(event);
    for (const entry of set) {
      if (entry.listener === listener) {
        set.delete(entry);
        return true;
      }
    }
    return false;
  }

  emit(event, ...args) {
    // A Set visits entries added during the loop and skips those deleted: an unsubscribe stops
    // delivery at once, even in the middle of an event.
    for (const entry of this.#listeners.get(event)) {
      try {
        entry.listener.apply(this.#target, args);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  #set(event) {
    const set = this.#listeners.get(event);
    if (set === undefined) {
      throw new TypeError(`unknown event '${event}' (known: ${[...this.#listeners.keys()].join(', ')})`);
    }
    return set;
  }
}

/**
 * The deprecated assignable callbacks (client.onState = fn): each is one subscription of the
 * emitter, replaced when the property is assigned again and removed when it is set to null.
 * Reading a property gives the function assigned, or a function that does nothing.
 */
export class PropertyListeners {
  #emitter;
  #assigned = new Map();

  constructor(emitter) {
    this.#emitter = emitter;
  }

  /** Assigns the properties given in options (the deprecated callbacks of TickcastClient's options). */
  assignFrom(options) {
    for (const [event, property] of Object.entries(EVENT_PROPERTIES)) {
      if (options[property] !== undefined) {
        this.set(event, options[property]);
      }
    }
  }

  get(event) {
    return this.#assigned.get(event)?.listener ?? NOOP;
  }

  set(event, listener) {
    if (listener !== null && listener !== undefined && typeof listener !== 'function') {
      throw new TypeError(`${EVENT_PROPERTIES[event]} must be a function or null`);
    }
    this.#assigned.get(event)?.off();
    this.#assigned.delete(event);
    if (typeof listener === 'function') {
      this.#assigned.set(event, { listener, off: this.#emitter.on(event, listener) });
    }
  }
}

/**
 * Defines the deprecated on* properties on prototype, each over the PropertyListeners that
 * listenersOf(instance) gives.
 */
export function defineEventProperties(prototype, listenersOf) {
  for (const [event, property] of Object.entries(EVENT_PROPERTIES)) {
    Object.defineProperty(prototype, property, {
      get() {
        return listenersOf(this).get(event);
      },
      set(listener) {
        listenersOf(this).set(event, listener);
      },
      configurable: true,
    });
  }
}
