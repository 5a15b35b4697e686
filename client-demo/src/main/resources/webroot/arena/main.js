// The arena demo (/arena/): the arena's page (arena-page.js) with the arena's defaults: a 2000 x 2000
// world, the camera on one's own body at 1:1, and every player plus the best bots on the scoreboard.

import { startArenaPage } from './arena-page.js';

startArenaPage({ game: 'arena' });
