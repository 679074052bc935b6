// Entry point of the post step (dist/post/index.js).
import * as core from '@actions/core';
import { runPost } from './cleanup.js';
import { connect } from './connect.js';

await runPost(core, { connect });
