/* player: see issue 3 */
